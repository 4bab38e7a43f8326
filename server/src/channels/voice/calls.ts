import type { Types } from 'mongoose';
import { requestCallback, type CallbackRequest } from '../../callbacks/service.js';
import { findOrCreateContact } from '../../contacts/service.js';
import { lockKey, withLocks } from '../../core/locks.js';
import { normalisePhone } from '../../core/phone.js';
import type { ExpertGroupDoc } from '../../expert-groups/model.js';
import { Interaction, type InteractionDoc, type Outcome } from '../../interactions/model.js';
import { recordInteraction } from '../../interactions/service.js';
import { isOpenAt, type BusinessHours } from '../../routing/business-hours.js';
import { chooseGroup } from '../../routing/choose-group.js';
import { User, type UserDoc } from '../../users/model.js';

export const callLock = (sid: string): string => lockKey('call', sid);

/** The expert group a support number leads to (routing rules of entry kind voice-number). */
export function entryGroup(to: string): Promise<ExpertGroupDoc | null> {
  return chooseGroup({ entryPoint: { kind: 'voice-number', value: to } });
}

export function groupIsOpen(group: ExpertGroupDoc | null, at = new Date()): boolean {
  if (!group?.businessHours) return true;
  return isOpenAt(group.businessHours as unknown as BusinessHours, at);
}

/** Online members of the group with a phone to ring (Twilio rings up to ten numbers at once). */
export function expertsToRing(group: ExpertGroupDoc): Promise<UserDoc[]> {
  return User.find({ groups: group._id, presence: 'online', active: true, phone: { $ne: null } })
    .sort({ idleSince: 1 })
    .limit(10)
    .lean<UserDoc[]>();
}

export interface InboundCall {
  callSid: string;
  /** The caller in E.164, or null for withheld / unparseable numbers. */
  from: string | null;
  rawFrom: string;
  to: string;
}

/** The contact-log row of an inbound call, written once at its first webhook (by CallSid). */
export async function ensureCallRow(call: InboundCall): Promise<InteractionDoc> {
  return withLocks([callLock(call.callSid)], async () => {
    const row = await Interaction.findOne({ externalId: call.callSid }).lean<InteractionDoc>();
    if (row) return row;
    const contact = call.from ? await findOrCreateContact({ phone: call.from }) : null;
    const group = await entryGroup(call.to);
    return recordInteraction({
      channel: 'voice',
      direction: 'in',
      caller: { kind: 'phone', value: call.from ?? call.rawFrom },
      contact: contact?._id ?? null,
      group: group?._id ?? null,
      outcome: 'received',
      externalId: call.callSid,
      note: `call to ${call.to}`,
    });
  });
}

/** A choice in the menu settles the call's outcome (only while it is still in the menu). */
export async function settleCall(
  callSid: string,
  outcome: Outcome,
  extra: { ticket?: Types.ObjectId; expert?: Types.ObjectId | null } = {},
): Promise<void> {
  await withLocks([callLock(callSid)], async () => {
    const row = await Interaction.findOne({ externalId: callSid }).lean<InteractionDoc>();
    if (!row || row.endedAt) return;
    await Interaction.updateOne(
      { _id: row._id },
      {
        $set: {
          outcome,
          ...(extra.ticket ? { ticket: extra.ticket } : {}),
          ...(extra.expert ? { expert: extra.expert } : {}),
        },
      },
    );
  });
}

/** Callback on the caller's number or one they typed (Persian digits allowed); null if invalid. */
export function callbackNumber(call: InboundCall, digits: string): string | null {
  return digits ? normalisePhone(digits) : call.from;
}

export function menuCallback(
  call: InboundCall,
  phone: string,
  source: 'voice-menu' | 'missed-call',
): ReturnType<typeof requestCallback> {
  const req: CallbackRequest = {
    channel: 'voice',
    caller: { kind: 'phone', value: call.from ?? call.rawFrom },
    contact: { phone: call.from ?? phone },
    phone,
    source,
    externalId: `${call.callSid}:${source}`,
    entryPoint: { kind: 'voice-number', value: call.to },
    subject: source === 'missed-call' ? 'Missed call' : 'Callback request (phone menu)',
  };
  return requestCallback(req);
}

/**
 * The call ended (Twilio's status callback): end time and duration on its row; a caller who
 * hung up in the menu is a missed call and, when configured, gets a callback ticket.
 * A retried report finds the row ended and changes nothing.
 */
export async function endCall(
  call: InboundCall,
  durationSec: number | null,
  missedCallCallback: boolean,
): Promise<void> {
  const missed = await withLocks([callLock(call.callSid)], async () => {
    const row = await Interaction.findOne({ externalId: call.callSid }).lean<InteractionDoc>();
    const now = new Date();
    if (row?.endedAt) return false;
    const wasInMenu = !row || row.outcome === 'received';
    const startedAt = row?.startedAt ?? new Date(now.getTime() - (durationSec ?? 0) * 1000);
    const set = {
      endedAt: now,
      durationSec: durationSec ?? Math.round((now.getTime() - startedAt.getTime()) / 1000),
      ...(wasInMenu ? { outcome: 'missed' } : {}),
    };
    if (row) await Interaction.updateOne({ _id: row._id }, { $set: set });
    else {
      const contact = call.from ? await findOrCreateContact({ phone: call.from }) : null;
      await recordInteraction({
        channel: 'voice',
        direction: 'in',
        caller: { kind: 'phone', value: call.from ?? call.rawFrom },
        contact: contact?._id ?? null,
        group: (await entryGroup(call.to))?._id ?? null,
        startedAt,
        endedAt: now,
        outcome: 'missed',
        externalId: call.callSid,
        note: `call to ${call.to}`,
      });
    }
    return wasInMenu;
  });
  if (!missed || !missedCallCallback || !call.from) return;
  const { ticket } = await menuCallback(call, call.from, 'missed-call');
  await Interaction.updateOne({ externalId: call.callSid }, { $set: { ticket: ticket._id } });
}
