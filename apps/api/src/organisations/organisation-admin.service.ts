import { likeLiteral } from '../common/like';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AdminBureau, AdminCourt, AdminOrganisation } from '@tiaojie/contracts';
import type { CourtCaseKind } from '@tiaojie/domain';
import { DataSource, EntityManager, ILike, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app-exception';
import type { RequestMeta } from '../common/request-meta';
import { Court } from './court.entity';
import { JusticeBureau } from './justice-bureau.entity';
import type { SaveCourtDto, SaveOrganisationDto } from './organisation-admin.dto';
import { Organisation } from './organisation.entity';

function toAdmin(o: Organisation): AdminOrganisation {
  return {
    id: o.id,
    name: o.name,
    nameEn: o.nameEn,
    type: o.type,
    region: o.region,
    regions: o.regions,
    disputeTypes: o.disputeTypes,
    courtId: o.courtId,
    courtName: o.court?.name ?? null,
    bureauId: o.bureauId,
    bureauName: o.bureau?.name ?? null,
    chargesFees: o.chargesFees,
    feeSchedule: o.feeSchedule,
    description: o.description,
    descriptionEn: o.descriptionEn,
    courtCaseKinds: o.courtCaseKinds as CourtCaseKind[],
    createdAt: o.createdAt.toISOString(),
  };
}
const toCourt = (c: Court): AdminCourt => ({ id: c.id, name: c.name, region: c.region, level: c.level, createdAt: c.createdAt.toISOString() });

/** The fields an audit row compares (before/after summary). */
const AUDITED = ['name', 'nameEn', 'type', 'region', 'regions', 'disputeTypes', 'courtId', 'bureauId', 'chargesFees', 'feeSchedule', 'description', 'descriptionEn', 'courtCaseKinds'] as const;
function changes<T extends object>(before: T | null, after: T, keys: readonly (keyof T)[]) {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of keys) {
    const a = before ? before[k] : null;
    if (JSON.stringify(a) !== JSON.stringify(after[k])) out[String(k)] = { before: a ?? null, after: after[k] ?? null };
  }
  return out;
}

/**
 * Issue #13: the system admin's writes to organisation and court (this module owns both
 * tables). Each change is one transaction with its audit row; a duplicate name is a 409.
 */
@Injectable()
export class OrganisationAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<AdminOrganisation[]> {
    const rows = await this.db.getRepository(Organisation).find({ relations: { court: true, bureau: true }, order: { name: 'ASC' } });
    return rows.map(toAdmin);
  }

  async get(id: string): Promise<AdminOrganisation> {
    const o = await this.db.getRepository(Organisation).findOne({ where: { id }, relations: { court: true, bureau: true } });
    if (!o) throw new AppException('NOT_FOUND', 'No such organisation');
    return toAdmin(o);
  }

  async save(id: string | null, dto: SaveOrganisationDto, actorId: string, meta: RequestMeta): Promise<AdminOrganisation> {
    if (dto.chargesFees && !dto.feeSchedule) throw AppException.field('VALIDATION_FAILED', 'feeSchedule', 'required', 'feeSchedule is required when the organisation charges fees (R35)');
    const savedId = await this.db.transaction(async (m) => {
      const repo = m.getRepository(Organisation);
      const before = id ? await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (id && !before) throw new AppException('NOT_FOUND', 'No such organisation');
      await this.assertUniqueName(m, Organisation, dto.name, id);
      if (dto.courtId && !(await m.getRepository(Court).exists({ where: { id: dto.courtId } }))) {
        throw AppException.field('VALIDATION_FAILED', 'courtId', 'exists', 'courtId is not a court');
      }
      if (dto.bureauId && !(await m.getRepository(JusticeBureau).exists({ where: { id: dto.bureauId } }))) {
        throw AppException.field('VALIDATION_FAILED', 'bureauId', 'exists', 'bureauId is not a 司法局');
      }
      const values = {
        name: dto.name,
        nameEn: dto.nameEn ?? null,
        type: dto.type,
        region: dto.region,
        regions: [...new Set(dto.regions)],
        disputeTypes: [...new Set(dto.disputeTypes)],
        courtId: dto.courtId ?? null,
        bureauId: dto.bureauId === undefined ? (before?.bureauId ?? null) : dto.bureauId,
        chargesFees: dto.chargesFees,
        // R35: a free organisation publishes no fee schedule.
        feeSchedule: dto.chargesFees ? (dto.feeSchedule ?? '') : '',
        description: dto.description ?? before?.description ?? '',
        descriptionEn: dto.descriptionEn ?? null,
        courtCaseKinds: [...new Set(dto.courtCaseKinds)],
      };
      const saved = before ? await repo.save({ ...before, ...values }) : await repo.save(repo.create(values));
      await this.audit.record(
        {
          actorId,
          action: before ? 'organisation.updated' : 'organisation.created',
          targetType: 'organisation',
          targetId: saved.id,
          detail: { name: saved.name, changes: changes(before, saved, AUDITED) },
        },
        meta,
        m,
      );
      return saved.id;
    });
    return this.get(savedId);
  }

  async listBureaus(): Promise<AdminBureau[]> {
    return (await this.db.getRepository(JusticeBureau).find({ order: { name: 'ASC' } })).map((b) => ({ id: b.id, name: b.name, region: b.region }));
  }

  async listCourts(): Promise<AdminCourt[]> {
    return (await this.db.getRepository(Court).find({ order: { name: 'ASC' } })).map(toCourt);
  }

  async saveCourt(id: string | null, dto: SaveCourtDto, actorId: string, meta: RequestMeta): Promise<AdminCourt> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(Court);
      const before = id ? await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (id && !before) throw new AppException('NOT_FOUND', 'No such court');
      await this.assertUniqueName(m, Court, dto.name, id);
      const values = { name: dto.name, region: dto.region, level: dto.level };
      const saved = before ? await repo.save({ ...before, ...values }) : await repo.save(repo.create(values));
      await this.audit.record(
        {
          actorId,
          action: before ? 'court.updated' : 'court.created',
          targetType: 'court',
          targetId: saved.id,
          detail: { name: saved.name, changes: changes(before, saved, ['name', 'region', 'level']) },
        },
        meta,
        m,
      );
      return toCourt(saved);
    });
  }

  /** 409 naming `name` when another row has the same name (case-insensitive, spaces trimmed). */
  private async assertUniqueName(m: EntityManager, entity: typeof Organisation | typeof Court, name: string, id: string | null) {
    const escaped = likeLiteral(name);
    const clash = await m.getRepository<Organisation | Court>(entity).exists({ where: { name: ILike(escaped), ...(id ? { id: Not(id) } : {}) } });
    if (clash) throw AppException.field('CONFLICT', 'name', 'nameTaken', `another ${entity === Court ? 'court' : 'organisation'} is named ${name}`);
  }
}
