import type { SurveyDoc } from './model.js';
import { questionsOf } from './service.js';

/** What the public survey page shows: the questions, never who or which ticket. */
export function presentPublicSurvey(s: SurveyDoc) {
  return {
    kind: s.kind,
    expiresAt: s.expiresAt.toISOString(),
    questions: questionsOf(s),
  };
}
