import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UPLOAD_LIMITS, type ComplaintDetail, type ComplaintEvidenceView, type ComplaintView, type ComplaintScope } from '@tiaojie/contracts';
import { complaintDeadlines, complaintFieldsFor, complaintRoleOf, isComplaintOpen, type ComplaintRole } from '@tiaojie/domain';
import { createHash } from 'node:crypto';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { relationsOf } from '../cases/case-access';
import { CaseAssignment } from '../cases/case-assignment.entity';
import { MediationCase } from '../cases/case.entity';
import type { Viewer } from '../cases/cases.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import type { RequestMeta } from '../common/request-meta';
import { isAllowedMime, safeFileName, sniff } from '../documents/file-sniffer';
import { FileStorage } from '../documents/storage';
import { Notifier } from '../cases/notifier';
import { Membership } from '../organisations/membership.entity';
import { supervisedOrganisationIds } from '../organisations/bureau-scope';
import { Organisation } from '../organisations/organisation.entity';
import { complainantRecipient, handlerRecipients } from './complaint-recipients';
import { complaintDetail, complaintViews } from './complaint-views';
import { Complaint, ComplaintEvent, ComplaintEvidence } from './complaint.entity';
import type { CreateComplaintDto } from './dto';

const EVIDENCE_PER_COMPLAINT = 10;

/**
 * R38: filing a complaint, its evidence, and reading it. The viewer's relation to a complaint
 * is the domain's `complaintRoleOf` (complainant, handler, supervisor, the mediator complained
 * about); anyone else gets 404. Handling is in ComplaintHandlingService.
 */
@Injectable()
export class ComplaintsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly notifier: Notifier,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
  ) {}

  async adminOrgIds(manager: EntityManager, userId: string): Promise<string[]> {
    const ms = await manager.getRepository(Membership).find({ where: { userId, role: 'org_admin' } });
    return ms.map((m) => m.organisationId).filter((x): x is string => !!x);
  }

  /** R38: the organisations whose complaints the viewer supervises (its 司法局's; the admin: those without one). */
  async supervisedOrgIds(manager: EntityManager, viewer: Viewer): Promise<string[]> {
    return supervisedOrganisationIds(manager, viewer.userId, viewer.user.roles);
  }

  /** The complaint and what the viewer is to it (404 for anyone else); `lock` for a change. */
  async load(manager: EntityManager, id: string, viewer: Viewer, lock = false): Promise<{ c: Complaint; role: ComplaintRole }> {
    const qb = manager.getRepository(Complaint).createQueryBuilder('c').where('c.id = :id', { id });
    const c = await (lock ? qb.setLock('pessimistic_write') : qb).getOne();
    const role = c
      ? complaintRoleOf(c, { userId: viewer.userId, adminOfOrganisationIds: await this.adminOrgIds(manager, viewer.userId), supervisedOrganisationIds: await this.supervisedOrgIds(manager, viewer) })
      : null;
    if (!c || !role) throw new AppException('NOT_FOUND', 'No such complaint');
    return { c, role };
  }

  async addEvent(manager: EntityManager, e: Pick<ComplaintEvent, 'complaintId' | 'type' | 'actorId'> & Partial<Pick<ComplaintEvent, 'internal' | 'text' | 'outcome'>>) {
    await manager.getRepository(ComplaintEvent).insert({ internal: false, text: null, outcome: null, ...e, createdAt: this.clock.now() });
  }

  /** R38: any logged-in person files; a case link only by a party of that case (or its agent). */
  async file(dto: CreateComplaintDto, viewer: Viewer, meta: RequestMeta): Promise<ComplaintDetail> {
    return this.db.transaction(async (manager) => {
      let c: MediationCase | null = null;
      if (dto.caseId) {
        c = await manager.getRepository(MediationCase).findOne({ where: { id: dto.caseId } });
        const relations = c ? await relationsOf(manager, viewer.userId, c) : null;
        if (!c || !relations?.parties.length) throw AppException.field('UNPROCESSABLE', 'caseId', 'R38_party_only', 'Only a party of a case may link it to a complaint');
      }
      let organisationId: string;
      let mediatorId: string | null = null;
      if (dto.subjectKind === 'mediator') {
        const subject = dto.mediatorId;
        if (!subject) throw AppException.field('VALIDATION_FAILED', 'mediatorId', 'isNotEmpty', 'Name the mediator complained about');
        const ms = await manager.getRepository(Membership).find({ where: { userId: subject, role: 'mediator' } });
        if (!ms.length) throw AppException.field('UNPROCESSABLE', 'mediatorId', 'R38_mediator', 'No such mediator');
        if (c && !(await manager.getRepository(CaseAssignment).exists({ where: { caseId: c.id, mediatorId: subject } }))) {
          throw AppException.field('UNPROCESSABLE', 'mediatorId', 'R38_mediator_of_case', 'This mediator was not assigned to the linked case');
        }
        mediatorId = subject;
        const of = ms.find((m) => m.organisationId === c?.organisationId)?.organisationId ?? ms.find((m) => m.organisationId)?.organisationId;
        if (!of) throw AppException.field('UNPROCESSABLE', 'mediatorId', 'R38_mediator', 'No such mediator');
        organisationId = of;
      } else {
        const id = dto.organisationId ?? c?.organisationId ?? null;
        if (!id || !(await manager.getRepository(Organisation).exists({ where: { id } })))
          throw AppException.field('UNPROCESSABLE', 'organisationId', 'R38_organisation', 'Name the organisation complained about');
        organisationId = id;
      }
      const now = this.clock.now();
      const { acknowledgeBy, decideBy } = complaintDeadlines(now, this.holidays.calendar());
      const row = await manager.getRepository(Complaint).save({
        complainantId: viewer.userId,
        subjectKind: dto.subjectKind,
        organisationId,
        mediatorId,
        caseId: c?.id ?? null,
        ground: dto.ground,
        description: dto.description,
        status: 'received',
        outcome: null,
        reasons: null,
        filedAt: now,
        acknowledgeBy,
        decideBy,
        ackEscalatedAt: null,
        decideEscalatedAt: null,
        handledById: null,
        investigatingAt: null,
        decidedAt: null,
        toldAt: null,
      });
      await this.addEvent(manager, { complaintId: row.id, type: 'filed', actorId: viewer.userId });
      await this.audit.record(
        {
          actorId: viewer.userId,
          action: 'complaint.filed',
          targetType: 'complaint',
          targetId: row.id,
          detail: { ground: row.ground, subjectKind: row.subjectKind, organisationId, mediatorId, caseId: row.caseId },
        },
        meta,
        manager,
      );
      const params = { ground: row.ground, dueAt: decideBy.toISOString() };
      await this.notifier.queue(manager, {
        caseId: null,
        eventId: null,
        dedupBase: `complaint:${row.id}:filed`,
        template: 'complaint_filed',
        params,
        recipients: await complainantRecipient(manager, this.notifier, viewer.userId),
      });
      await this.notifier.queue(manager, {
        caseId: null,
        eventId: null,
        dedupBase: `complaint:${row.id}:received`,
        template: 'complaint_received',
        params: { ...params, dueAt: acknowledgeBy.toISOString() },
        recipients: await handlerRecipients(manager, this.notifier, organisationId, mediatorId),
      });
      return complaintDetail(manager, row, 'complainant');
    });
  }

  /** R38: the complainant adds evidence while the complaint is open (sniffed like case documents). */
  async addEvidence(id: string, file: Express.Multer.File | undefined, viewer: Viewer, meta: RequestMeta): Promise<ComplaintEvidenceView> {
    if (!file) throw AppException.field('VALIDATION_FAILED', 'file', 'isNotEmpty', 'Choose a file to upload');
    if (file.size === 0) throw AppException.field('VALIDATION_FAILED', 'file', 'notEmpty', 'The file is empty');
    const type = await sniff(file.buffer);
    if (!type || !isAllowedMime(type.mime))
      throw AppException.field('UNSUPPORTED_MEDIA_TYPE', 'file', 'fileType', 'This kind of file is not accepted: images, PDF, office documents, audio or video only');
    if (type.mime.startsWith('image/') && file.size > UPLOAD_LIMITS.imageMaxBytes)
      throw AppException.field('PAYLOAD_TOO_LARGE', 'file', 'maxSize', `Images may be at most ${UPLOAD_LIMITS.imageMaxBytes / 1024 / 1024} MB`);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const fileName = safeFileName(Buffer.from(file.originalname, 'latin1').toString('utf8'), type.ext, UPLOAD_LIMITS.fileNameMax);
    const storageKey = await this.storage.put(file.buffer);
    try {
      return await this.db.transaction(async (manager) => {
        const { c, role } = await this.load(manager, id, viewer, true);
        if (role !== 'complainant') throw new AppException('FORBIDDEN', 'Only the complainant adds evidence');
        if (!isComplaintOpen(c.status)) throw AppException.field('CONFLICT', 'status', 'wrongState', 'This complaint was decided: it takes no more evidence');
        if ((await manager.getRepository(ComplaintEvidence).count({ where: { complaintId: id } })) >= EVIDENCE_PER_COMPLAINT) {
          throw AppException.field('CONFLICT', 'file', 'perComplaint', `A complaint holds at most ${EVIDENCE_PER_COMPLAINT} files`);
        }
        const doc = await manager
          .getRepository(ComplaintEvidence)
          .save({ complaintId: id, uploadedById: viewer.userId, fileName, mimeType: type.mime, sizeBytes: file.size, sha256, storageKey, createdAt: this.clock.now() });
        await this.addEvent(manager, { complaintId: id, type: 'evidence_added', actorId: viewer.userId, text: fileName });
        await this.audit.record({ actorId: viewer.userId, action: 'complaint.evidence_added', targetType: 'complaint', targetId: id, detail: { evidenceId: doc.id, sha256 } }, meta, manager);
        return { id: doc.id, fileName, mimeType: type.mime, sizeBytes: file.size, createdAt: doc.createdAt.toISOString() };
      });
    } catch (e) {
      await this.storage.delete(storageKey).catch(() => undefined);
      throw e;
    }
  }

  async downloadEvidence(id: string, evidenceId: string, viewer: Viewer) {
    return this.db.transaction(async (manager) => {
      const { role } = await this.load(manager, id, viewer);
      const doc = complaintFieldsFor(role).evidence ? await manager.getRepository(ComplaintEvidence).findOne({ where: { id: evidenceId, complaintId: id } }) : null;
      if (!doc) throw new AppException('NOT_FOUND', 'No such file');
      return { doc, bytes: await this.storage.get(doc.storageKey) };
    });
  }

  /** mine: the viewer's own; queue: its organisations' (and, for the supervisor, every escalated one); about_me: a mediator's. */
  async list(scope: ComplaintScope, viewer: Viewer): Promise<ComplaintView[]> {
    return this.db.transaction(async (manager) => {
      const orgIds = await this.adminOrgIds(manager, viewer.userId);
      const supervised = await this.supervisedOrgIds(manager, viewer);
      const qb = manager.getRepository(Complaint).createQueryBuilder('c');
      if (scope === 'mine') qb.where('c.complainant_id = :me', { me: viewer.userId }).orderBy('c.filed_at', 'DESC');
      else if (scope === 'about_me') qb.where('c.mediator_id = :me', { me: viewer.userId }).orderBy('c.filed_at', 'DESC');
      else {
        const supervisor = supervised.length > 0 || viewer.user.roles.includes('bureau');
        if (!orgIds.length && !supervisor) throw new AppException('FORBIDDEN', 'Only an organisation’s admin or the supervisor has a complaints queue');
        qb.where(
          new Brackets((w) => {
            w.where(orgIds.length ? 'c.organisation_id IN (:...orgIds)' : 'false', { orgIds });
            if (supervised.length) w.orWhere('(c.organisation_id IN (:...supervised) AND (c.ack_escalated_at IS NOT NULL OR c.decide_escalated_at IS NOT NULL))', { supervised });
          }),
        ).orderBy('c.decide_by', 'ASC');
      }
      const rows = await qb.take(500).getMany();
      return complaintViews(
        manager,
        rows.flatMap((c) => {
          const role = complaintRoleOf(c, { userId: viewer.userId, adminOfOrganisationIds: orgIds, supervisedOrganisationIds: supervised });
          return role ? [{ c, role }] : [];
        }),
      );
    });
  }

  /** The complaint with its history; the complainant opening a decided one is "told" (R38's last step). */
  async detail(id: string, viewer: Viewer, meta: RequestMeta): Promise<ComplaintDetail> {
    return this.db.transaction(async (manager) => {
      let { c, role } = await this.load(manager, id, viewer);
      if (role === 'complainant' && c.status === 'decided') {
        ({ c, role } = await this.load(manager, id, viewer, true));
        if (c.status === 'decided') {
          const now = this.clock.now();
          await manager.getRepository(Complaint).update({ id }, { status: 'told', toldAt: now });
          await this.addEvent(manager, { complaintId: id, type: 'told', actorId: viewer.userId });
          await this.audit.record({ actorId: viewer.userId, action: 'complaint.told', targetType: 'complaint', targetId: id }, meta, manager);
          c = await manager.getRepository(Complaint).findOneByOrFail({ id });
        }
      }
      return complaintDetail(manager, c, role);
    });
  }
}
