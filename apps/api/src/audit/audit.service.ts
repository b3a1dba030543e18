import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { RequestMeta } from '../common/request-meta';
import { AuditLog } from './audit-log.entity';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  detail?: Record<string, unknown>;
}

/** Writes audit entries, inside the caller's transaction when given its manager. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLog) private readonly logs: Repository<AuditLog>) {}

  async record(record: AuditRecord, meta: RequestMeta | null, manager?: EntityManager) {
    const repo = manager ? manager.getRepository(AuditLog) : this.logs;
    await repo.insert({
      actorId: record.actorId,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId ?? null,
      detail: (record.detail ?? {}) as object,
      ip: meta?.ip ?? null,
      userAgent: meta?.userAgent?.slice(0, 300) ?? null,
      requestId: meta?.requestId ?? null,
    });
  }

  forTarget(targetType: string, targetId: string) {
    return this.logs.find({ where: { targetType, targetId }, order: { createdAt: 'DESC' }, take: 200 });
  }
}
