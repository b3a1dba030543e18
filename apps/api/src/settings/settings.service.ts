import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PlatformSettingView } from '@tiaojie/contracts';
import { AGREEMENT_EFFECT_BY_ORGANISATION_TYPE, AGREEMENT_EFFECT_RULES, DEFAULT_ONE_YEAR_LPR_PERCENT, FIXED_EFFECT_TYPES, ORGANISATION_TYPES } from '@tiaojie/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import type { RequestMeta } from '../common/request-meta';
import { AppConfig } from '../config/app-config';
import { PlatformSetting } from './platform-setting.entity';

interface SettingDef {
  kind: 'percent' | 'choice';
  min?: number;
  max?: number;
  choices?: readonly string[];
  rule: string;
  /** The default when no admin set one (a constant, or the environment's value). */
  fallback: (config: AppConfig) => string;
}

/**
 * Every setting a system admin may change (issue #13), with its range and its default — the
 * values the rules keep configurable (README, "System admin console"): the one-year LPR that caps private-loan interest in the
 * consultation (4 × LPR, SPC 2020; it changes monthly), and R26's moment an agreement takes
 * effect for each organisation type but the people's committee (PML 29 fixes the seal there).
 */
const EFFECT_SETTINGS = Object.fromEntries(
  ORGANISATION_TYPES.filter((type) => !FIXED_EFFECT_TYPES.includes(type)).map((type) => [
    `agreement.effect.${type}`,
    { kind: 'choice', choices: AGREEMENT_EFFECT_RULES, rule: 'R26', fallback: () => AGREEMENT_EFFECT_BY_ORGANISATION_TYPE[type] } satisfies SettingDef,
  ]),
) as Record<`agreement.effect.${string}`, SettingDef>;

export const SETTINGS: Record<string, SettingDef> = {
  'lpr.oneYearPercent': { kind: 'percent', min: 0.01, max: 20, rule: 'consultation (4 × LPR)', fallback: (c) => c.env.LPR_ONE_YEAR_PERCENT ?? DEFAULT_ONE_YEAR_LPR_PERCENT },
  ...EFFECT_SETTINGS,
};
export type SettingKey = 'lpr.oneYearPercent' | `agreement.effect.${string}`;

/**
 * A setting as stored, read inside the caller's transaction (a workflow that must see the value
 * in force at its commit, e.g. R26 at the last signature); null when no admin set one.
 */
export async function storedSettingIn(manager: EntityManager, key: SettingKey): Promise<string | null> {
  return (await manager.getRepository(PlatformSetting).findOne({ where: { key } }))?.value ?? null;
}

const PERCENT = /^\d{1,2}(\.\d{1,2})?$/;

/**
 * The one reader and writer of platform_setting: the code that uses a setting reads it here,
 * where it used to read the constant or the environment (which stay the default).
 */
@Injectable()
export class SettingsService implements OnModuleInit {
  private values = new Map<string, PlatformSetting>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async onModuleInit() {
    await this.reload();
  }

  async reload() {
    const rows = await this.db.getRepository(PlatformSetting).find();
    this.values = new Map(rows.map((r) => [r.key, r]));
  }

  /** The value as last loaded in this process (cheap; may lag a change made by another process). */
  get(key: SettingKey): string {
    return this.values.get(key)?.value ?? SETTINGS[key].fallback(this.config);
  }

  /** The value in force now, read from the table (another API process may have changed it). */
  async read(key: SettingKey): Promise<string> {
    const row = await this.db.getRepository(PlatformSetting).findOne({ where: { key } });
    return row?.value ?? SETTINGS[key].fallback(this.config);
  }

  list(): PlatformSettingView[] {
    return (Object.keys(SETTINGS) as SettingKey[]).map((key) => this.view(key));
  }

  private view(key: SettingKey): PlatformSettingView {
    const def: SettingDef = SETTINGS[key];
    const row = this.values.get(key);
    return {
      key,
      kind: def.kind,
      value: this.get(key),
      defaultValue: def.fallback(this.config),
      min: def.min ?? 0,
      max: def.max ?? 0,
      ...(def.choices ? { choices: [...def.choices] } : {}),
      rule: def.rule,
      updatedById: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  }

  /** A system admin changes a setting: validated against its range, audited with before and after. */
  async put(key: string, value: unknown, actorId: string, meta: RequestMeta): Promise<PlatformSettingView> {
    if (!Object.hasOwn(SETTINGS, key)) throw new AppException('NOT_FOUND', 'No such setting');
    const def: SettingDef = SETTINGS[key as SettingKey];
    const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
    const normalised = this.normalise(def, text);
    await this.db.transaction(async (m) => {
      const repo = m.getRepository(PlatformSetting);
      const before = await repo.findOne({ where: { key }, lock: { mode: 'pessimistic_write' } });
      await repo.save({ key, value: normalised, updatedBy: actorId, updatedAt: this.clock.now() });
      await this.audit.record({ actorId, action: 'setting.put', targetType: 'setting', detail: { key, before: before?.value ?? def.fallback(this.config), after: normalised } }, meta, m);
    });
    await this.reload();
    return this.view(key as SettingKey);
  }

  /** The value to store, or a 400 naming `value`. */
  private normalise(def: SettingDef, text: string): string {
    if (def.kind === 'choice') {
      if (!def.choices?.includes(text)) throw AppException.field('VALIDATION_FAILED', 'value', 'isIn', `value must be one of ${def.choices?.join(', ')}`);
      return text;
    }
    const n = Number(text);
    const min = def.min ?? 0;
    const max = def.max ?? 0;
    if (!PERCENT.test(text) || !(n >= min && n <= max)) {
      throw AppException.field('VALIDATION_FAILED', 'value', 'range', `value must be a percentage from ${min} to ${max} with at most two decimals`);
    }
    return n.toFixed(2);
  }
}
