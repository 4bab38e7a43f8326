import { Router } from 'express';
import type { z } from 'zod';
import { audit } from '../audit/model.js';
import { conflict, isDuplicateKeyError, notFound, unprocessable } from '../core/errors.js';
import { ADMINS, MANAGERS, STAFF, defineRoute } from '../core/http/route.js';
import { ExpertGroup, type ExpertGroupDoc } from '../expert-groups/model.js';
import { requeueExpertTickets } from '../tickets/service.js';
import { expertActor } from '../tickets/timeline.js';
import { presentUser } from '../users/presenter.js';
import { getUser } from '../users/service.js';
import { normaliseEntryValue } from './choose-group.js';
import { setPresence } from './presence.js';
import { queueSnapshot } from './queue-stats.js';
import { RoutingRule, type RoutingRuleDoc } from './rules.model.js';
import { createRuleBody, groupParams, idParams, presenceBody, updateRuleBody } from './schema.js';

const presentRule = (r: RoutingRuleDoc) => ({
  id: String(r._id),
  kind: r.kind,
  entryKind: r.entryKind ?? null,
  value: r.value,
  group: String(r.group),
  order: r.order,
  active: r.active,
});

async function checkedRule<T extends Partial<z.infer<typeof createRuleBody>>>(body: T): Promise<T> {
  if (body.group && !(await ExpertGroup.exists({ _id: body.group })))
    throw unprocessable('unknown_group', 'The group does not exist');
  return body.value
    ? { ...body, value: normaliseEntryValue(body.entryKind ?? null, body.value) }
    : body;
}

export function routingRoutes(): Router {
  const router = Router();

  defineRoute(router, {
    method: 'put',
    path: '/users/me/presence',
    tag: 'Presence',
    access: STAFF,
    summary:
      'Set my presence: online (receive tickets), away or offline (keep mine, receive no new ones)',
    body: presenceBody,
    handler: async ({ body, me }) => presentUser(await setPresence(me.id, body.status)),
  });

  defineRoute(router, {
    method: 'put',
    path: '/users/:id/presence',
    tag: 'Presence',
    access: MANAGERS,
    summary: "Set an expert's presence (supervisors)",
    params: idParams,
    body: presenceBody,
    handler: async ({ params, body }) => {
      await getUser(params.id);
      return presentUser(await setPresence(params.id, body.status));
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/users/:id/requeue',
    tag: 'Presence',
    access: MANAGERS,
    summary: "Put every open ticket of an expert back into its group's queue",
    params: idParams,
    handler: async ({ params, me }) => {
      await getUser(params.id);
      const moved = await requeueExpertTickets(params.id, expertActor(me.id));
      await audit({
        actor: me.id,
        action: 'user.requeue',
        targetKind: 'user',
        targetId: params.id,
        details: { moved },
      });
      return { moved };
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/queue',
    tag: 'Queue',
    access: MANAGERS,
    summary: 'Live board: per group waiting count, longest wait and online experts',
    handler: async () => {
      const groups = await ExpertGroup.find({ active: true })
        .sort({ slug: 1 })
        .lean<ExpertGroupDoc[]>();
      const snapshots = await Promise.all(groups.map((g) => queueSnapshot(String(g._id), 20)));
      return {
        items: snapshots.map((s, i) => ({ ...s, slug: groups[i]!.slug, name: groups[i]!.name })),
      };
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/queue/:groupId',
    tag: 'Queue',
    access: STAFF,
    summary: "One group's queue in order, with positions and estimated waits",
    params: groupParams,
    handler: async ({ params, me }) => {
      const isManager = me.roles.includes('admin') || me.roles.includes('supervisor');
      if (!isManager && !me.groups.includes(params.groupId)) throw notFound('Expert group');
      return queueSnapshot(params.groupId);
    },
  });

  const tag = 'Routing rules';
  defineRoute(router, {
    method: 'get',
    path: '/routing-rules',
    tag,
    access: MANAGERS,
    summary: 'Routing rules in evaluation order',
    handler: async () => ({
      items: (await RoutingRule.find().sort({ kind: 1, order: 1 }).lean<RoutingRuleDoc[]>()).map(
        presentRule,
      ),
    }),
  });
  defineRoute(router, {
    method: 'post',
    path: '/routing-rules',
    tag,
    access: ADMINS,
    status: 201,
    summary:
      'Add a rule: entry point (web-chat topic, phone-menu digit, mailbox, SMS number), product model or ticket type -> group',
    body: createRuleBody,
    handler: async ({ body, me }) => {
      try {
        const rule = await RoutingRule.create(await checkedRule(body));
        await audit({
          actor: me.id,
          action: 'routing-rule.create',
          targetKind: 'routingRule',
          targetId: String(rule._id),
        });
        return presentRule(rule.toObject() as RoutingRuleDoc);
      } catch (err) {
        if (isDuplicateKeyError(err))
          throw conflict('rule_exists', 'A rule for this entry point or value already exists');
        throw err;
      }
    },
  });
  defineRoute(router, {
    method: 'patch',
    path: '/routing-rules/:id',
    tag,
    access: ADMINS,
    summary: 'Change a rule',
    params: idParams,
    body: updateRuleBody,
    handler: async ({ params, body, me }) => {
      const rule = await RoutingRule.findByIdAndUpdate(
        params.id,
        { $set: await checkedRule(body) },
        { new: true },
      ).lean<RoutingRuleDoc>();
      if (!rule) throw notFound('Routing rule');
      await audit({
        actor: me.id,
        action: 'routing-rule.update',
        targetKind: 'routingRule',
        targetId: params.id,
      });
      return presentRule(rule);
    },
  });
  defineRoute(router, {
    method: 'delete',
    path: '/routing-rules/:id',
    tag,
    access: ADMINS,
    summary: 'Remove a rule',
    params: idParams,
    handler: async ({ params, me }) => {
      const deleted = await RoutingRule.findByIdAndDelete(params.id).lean<RoutingRuleDoc>();
      if (!deleted) throw notFound('Routing rule');
      await audit({
        actor: me.id,
        action: 'routing-rule.delete',
        targetKind: 'routingRule',
        targetId: params.id,
        details: presentRule(deleted),
      });
      return undefined;
    },
  });

  return router;
}
