// Rule sets (R-RULE-1): ok21-national built in; imported ones stored as validated JSON and
// added to the tariff. Contacts already recorded keep the rule set they were priced with.
import { createTariff } from '../../shared/tariff';
import { OK21_NATIONAL } from '../../shared/rules/ok21-national';
import { ruleSetSchema, type RuleSet } from '../../shared/rules/schema';
import { HostError } from '../../shared/contract/errors';
import type { HostContext } from '../context';
import { nowIso, requireRole } from '../context';
import type { DB } from '../db/open';
import { writeAudit } from '../stores/audit';
import type { ImplPart } from './types';
import { bandNow } from './clock';

export function storedRuleSets(db: DB): RuleSet[] {
  const rows = db.prepare('SELECT json FROM rule_sets ORDER BY imported_at, id').all() as Array<{
    json: string;
  }>;
  const out: RuleSet[] = [];
  for (const r of rows) {
    const p = ruleSetSchema.safeParse(JSON.parse(r.json));
    if (p.success) out.push(p.data);
  }
  return out;
}

export function allRuleSets(db: DB): RuleSet[] {
  return [OK21_NATIONAL, ...storedRuleSets(db)];
}

export function rulesMethods(ctx: HostContext): ImplPart<'rules.list' | 'rules.import'> {
  const info = (rs: RuleSet) => ({
    id: rs.id,
    name: rs.name,
    validFrom: rs.validFrom,
    validTo: rs.validTo,
    builtIn: rs.id === OK21_NATIONAL.id,
    active: ctx.tariff.ruleSetFor(ctx.clock.now())?.id === rs.id,
  });
  return {
    'rules.list': () => ctx.tariff.ruleSets.map(info),
    'rules.import': ({ json }) => {
      const me = requireRole(ctx, 'supervisor');
      let raw: unknown;
      try {
        raw = JSON.parse(json);
      } catch {
        throw new HostError('RULES_INVALID', 'Not JSON', { json: 'PARSE' });
      }
      const parsed = ruleSetSchema.safeParse(raw);
      if (!parsed.success) {
        const details: Record<string, string> = {};
        for (const i of parsed.error.issues.slice(0, 20)) details[i.path.join('.') || '_'] = i.code;
        throw new HostError('RULES_INVALID', 'The rule set does not match the schema', details);
      }
      const rs = parsed.data;
      if (ctx.tariff.ruleSets.some((r) => r.id === rs.id)) {
        throw new HostError('RULES_INVALID', 'A rule set with this id is already loaded', {
          id: 'EXISTS',
        });
      }
      const at = nowIso(ctx);
      ctx.db.transaction(() => {
        ctx.db
          .prepare('INSERT INTO rule_sets (id, json, imported_at, imported_by) VALUES (?, ?, ?, ?)')
          .run(rs.id, JSON.stringify(rs), at, me.id);
        writeAudit(ctx.db, {
          at,
          doctorId: me.id,
          deviceId: ctx.deviceId,
          action: 'rules-import',
          subjectId: null,
          details: { id: rs.id },
        });
      })();
      ctx.tariff = createTariff([...ctx.tariff.ruleSets, rs]);
      ctx.events.emit({ type: 'band', band: bandNow(ctx) });
      return info(rs);
    },
  };
}
