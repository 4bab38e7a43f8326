import { createHash } from 'node:crypto';
import { config } from '../core/config.js';
import { AppError, notFound } from '../core/errors.js';
import { signToken, verifyToken } from '../core/signed-token.js';

const PURPOSE = 'survey';

export const tokenHash = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** A signed link token for one survey; only its hash is stored, so the database cannot answer. */
export function issueSurveyToken(surveyId: string, now = new Date()) {
  const expiresAt = new Date(now.getTime() + config().SURVEY_TOKEN_DAYS * 24 * 3600 * 1000);
  const token = signToken(PURPOSE, [surveyId], expiresAt);
  return { token, tokenHash: tokenHash(token), expiresAt };
}

export const surveyExpired = () =>
  new AppError(422, 'survey_expired', 'This survey link has expired; thank you all the same');
export const surveyAnswered = () =>
  new AppError(409, 'survey_answered', 'This survey was already answered; each link works once');

/** The survey id of a genuine token; expired and forged tokens get their own clear errors. */
export function surveyIdFromToken(token: string): string {
  const verified = verifyToken(PURPOSE, token, 1);
  if (!verified.ok) {
    if (verified.reason === 'expired') throw surveyExpired();
    throw notFound('Survey');
  }
  return verified.parts[0]!;
}
