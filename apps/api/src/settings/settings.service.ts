import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PlatformSettingView } from '@tiaojie/contracts';
import { DEFAULT_ONE_YEAR_LPR_PERCENT } from '@tiaojie/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import type { RequestMeta } from '../common/request-meta';
import { AppConfig } from '../config/app-config';
import { PlatformSetting } from './platform-setting.entity';

interface SettingDef {
  kind: 'percent';
  min: number;
  max: number;
  rule: string;
  /** The default when no admin set one (a constant, or the environment's value). */
  fallback: (config: AppConfig) => string;
}

/**
 * Every setting a system admin may change (issue #13), with its range and its default. RULES.md
 * asks for these to stay configurable: the one-year LPR that caps private-loan interest in the
 * consultation (4 × LPR, SPC 2020; it changes monthly).
 */
export const SETTINGS = {
  'lpr.oneYearPercent': { kind: 'percent', min: 0.01, max: 20, rule: 'consultation (4 × LPR)', fallback: (c) => c.env.LPR_ONE_YEAR_PERCENT ?? DEFAULT_ONE_YEAR_LPR_PERCENT },
} as const satisfies Record<string, SettingDef>;
export type SettingKey = keyof typeof SETTINGS;

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
      min: def.min,
      max: def.max,
      rule: def.rule,
      updatedById: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  }

  /** A system admin changes a setting: validated against its range, audited with before and after. */
  async put(key: string, value: unknown, actorId: string, meta: RequestMeta): Promise<PlatformSettingView> {
    if (!(key in SETTINGS)) throw new AppException('NOT_FOUND', 'No such setting');
    const def: SettingDef = SETTINGS[key as SettingKey];
    const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
    const n = Number(text);
    if (!PERCENT.test(text) || !(n >= def.min && n <= def.max)) {
      throw AppException.field('VALIDATION_FAILED', 'value', 'range', `value must be a percentage from ${def.min} to ${def.max} with at most two decimals`);
    }
    const normalised = n.toFixed(2);
    await this.db.transaction(async (m) => {
      const repo = m.getRepository(PlatformSetting);
      const before = await repo.findOne({ where: { key }, lock: { mode: 'pessimistic_write' } });
      await repo.save({ key, value: normalised, updatedBy: actorId, updatedAt: this.clock.now() });
      await this.audit.record({ actorId, action: 'setting.put', targetType: 'setting', detail: { key, before: before?.value ?? def.fallback(this.config), after: normalised } }, meta, m);
    });
    await this.reload();
    return this.view(key as SettingKey);
  }
}
