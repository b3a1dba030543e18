import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CredentialView, RosterMediatorView, RosterOrganisation } from '@tiaojie/contracts';
import { chinaDateOf, credentialExpiry } from '@tiaojie/domain';
import { DataSource, EntityManager, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import type { RequestMeta } from '../common/request-meta';
import { AppConfig } from '../config/app-config';
import { sniff } from '../documents/file-sniffer';
import { CaseChanges } from '../cases/case-changes';
import { Notifier } from '../cases/notifier';
import { Membership, type MembershipStatus } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';
import type { Viewer } from '../cases/viewer.decorator';
import { MediatorProfile } from '../organisations/mediator-profile.entity';
import { OPEN_CASE_STATES, rosterMembership, rosterOrganisation } from './roster-access';
import type { CredentialDto, InviteMediatorDto, UpdateRosterProfileDto } from './roster.dto';
import { MediatorCredential, MediatorPhoto } from './roster.entities';

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Issue #13 (R05, R39): an organisation's admins manage its roster — invite a mediator by
 * mobile, edit what the mediator handles and the public profile, keep certification and
 * training records, suspend, resume, and record a departure (the membership row stays, as
 * history). Every change is audited. Open cases of a suspended or departed mediator are shown
 * as needing reassignment; nothing is reassigned automatically.
 */
@Injectable()
export class RosterService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
    private readonly changes: CaseChanges,
  ) {}

  /** The organisations whose roster the viewer manages (every one for a system admin). */
  async organisations(viewer: Viewer): Promise<RosterOrganisation[]> {
    const repo = this.db.getRepository(Organisation);
    let orgs: Organisation[];
    if (viewer.user.roles.includes('admin')) orgs = await repo.find({ order: { name: 'ASC' } });
    else {
      const ms = await this.db.getRepository(Membership).find({ where: { userId: viewer.userId, role: 'org_admin', status: 'active' } });
      const ids = ms.flatMap((m) => (m.organisationId ? [m.organisationId] : []));
      orgs = ids.length ? await repo.find({ where: { id: In(ids) }, order: { name: 'ASC' } }) : [];
    }
    return orgs.map((o) => ({ id: o.id, name: o.name, nameEn: o.nameEn ?? null }));
  }

  async list(organisationId: string, viewer: Viewer): Promise<RosterMediatorView[]> {
    return this.db.transaction(async (manager) => {
      await rosterOrganisation(manager, viewer, organisationId);
      const ms = await manager.getRepository(Membership).find({ where: { organisationId, role: 'mediator' }, order: { createdAt: 'ASC' } });
      return this.views(manager, organisationId, ms);
    });
  }

  async one(manager: EntityManager, organisationId: string, userId: string): Promise<RosterMediatorView> {
    const m = await rosterMembership(manager, organisationId, userId);
    return (await this.views(manager, organisationId, [m]))[0];
  }

  private async views(manager: EntityManager, organisationId: string, ms: Membership[]): Promise<RosterMediatorView[]> {
    if (!ms.length) return [];
    const ids = ms.map((m) => m.userId);
    const [users, profiles, credentials] = await Promise.all([
      manager.getRepository(User).find({ where: { id: In(ids) } }),
      manager.getRepository(MediatorProfile).find({ where: { userId: In(ids) } }),
      manager.getRepository(MediatorCredential).find({ where: { userId: In(ids), organisationId }, order: { issuedOn: 'DESC' } }),
    ]);
    const open: Array<{ mediator_id: string; id: string; number: string | null; state: string }> = await manager.query(
      `SELECT a.mediator_id, c.id, c.number, c.state FROM case_assignment a JOIN mediation_case c ON c.id = a.case_id
       WHERE a.mediator_id = ANY($1) AND c.organisation_id = $2 AND a.status IN ('pending','accepted') AND c.state = ANY($3) ORDER BY c.created_at`,
      [ids, organisationId, OPEN_CASE_STATES],
    );
    const ratings: Array<{ mediator_user_id: string; n: string; avg: string | null }> = await manager.query(
      `SELECT mediator_user_id, count(*) AS n, avg(score) AS avg FROM case_rating WHERE organisation_id = $1 AND mediator_user_id = ANY($2) GROUP BY mediator_user_id`,
      [organisationId, ids],
    );
    const today = chinaDateOf(this.clock.now());
    return ms.flatMap((m) => {
      const u = users.find((x) => x.id === m.userId);
      if (!u) return [];
      const p = profiles.find((x) => x.userId === m.userId);
      const mine = open.filter((o) => o.mediator_id === m.userId);
      const r = ratings.find((x) => x.mediator_user_id === m.userId);
      return [
        {
          userId: u.id,
          name: u.realName ?? u.name,
          nameEn: p?.nameEn ?? null,
          mobile: u.mobile,
          status: m.status,
          statusReason: m.statusReason,
          statusChangedAt: m.statusChangedAt?.toISOString() ?? null,
          joinedAt: m.createdAt.toISOString(),
          disputeTypes: p?.disputeTypes ?? [],
          regions: p?.regions ?? [],
          expertise: p?.expertise ?? [],
          expertiseEn: p?.expertiseEn ?? null,
          languages: p?.languages ?? [],
          bio: p?.bio ?? '',
          bioEn: p?.bioEn ?? null,
          yearsOfPractice: p?.yearsOfPractice ?? 0,
          isPublic: p?.isPublic ?? false,
          photoUrl: p?.photoMime ? `/api/mediators/${u.id}/photo` : null,
          credentials: credentials.filter((c) => c.userId === m.userId).map((c) => credentialView(c, today)),
          openCases: mine.length,
          needsReassignment: m.status === 'active' ? [] : mine.map((o) => ({ caseId: o.id, caseNumber: o.number, state: o.state as RosterMediatorView['needsReassignment'][number]['state'] })),
          ratingCount: Number(r?.n ?? 0),
          ratingAverage: r?.avg ? Math.round(Number(r.avg) * 10) / 10 : null,
        },
      ];
    });
  }

  /**
   * Invite by mobile: the account is created when the number has none (it logs in by SMS code),
   * the mediator membership is added and an SMS invitation queued (outbox). A current member:
   * 409. One who left earlier is taken back (the same row, active again, audited).
   */
  async invite(organisationId: string, dto: InviteMediatorDto, viewer: Viewer, meta: RequestMeta): Promise<RosterMediatorView> {
    return this.db.transaction(async (manager) => {
      const org = await rosterOrganisation(manager, viewer, organisationId);
      const users = manager.getRepository(User);
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`roster-invite:${dto.mobile}`]);
      let user = await users.findOne({ where: { mobile: dto.mobile } });
      const created = !user;
      if (!user) user = await users.save(users.create({ mobile: dto.mobile, name: dto.name, passwordHash: null, roles: ['citizen', 'mediator'], locale: 'zh-CN' }));
      // Appended in SQL, not written back from the read: a system admin's concurrent role change is kept.
      else await manager.query(`UPDATE app_user SET roles = array_append(roles, 'mediator') WHERE id = $1 AND NOT ('mediator' = ANY(roles))`, [user.id]);
      const memberships = manager.getRepository(Membership);
      const existing = await memberships.findOne({ where: { userId: user.id, organisationId, role: 'mediator' } });
      if (existing && existing.status !== 'left') throw AppException.field('CONFLICT', 'mobile', 'alreadyMember', 'This number is already on the roster');
      const now = this.clock.now();
      if (existing) await memberships.update({ id: existing.id }, { status: 'active', statusReason: null, statusChangedAt: now });
      else await memberships.save(memberships.create({ userId: user.id, organisationId, courtId: null, role: 'mediator', status: 'active' }));
      if (!(await manager.getRepository(MediatorProfile).exists({ where: { userId: user.id } }))) {
        await manager.getRepository(MediatorProfile).save({ userId: user.id, disputeTypes: org.disputeTypes, isPublic: true });
      }
      await this.audit.record(
        { actorId: viewer.userId, action: 'roster.invite', targetType: 'user', targetId: user.id, detail: { organisationId, accountCreated: created, rejoined: !!existing } },
        meta,
        manager,
      );
      await this.notifier.queue(manager, {
        caseId: null,
        eventId: null,
        dedupBase: `roster-invite:${organisationId}:${user.id}:${now.getTime()}`,
        template: 'roster_mediator_invited',
        params: { organisationName: org.name, link: `${this.config.publicUrl}/login` },
        recipients: [this.notifier.fromUser('mediator', user)],
      });
      return this.one(manager, organisationId, user.id);
    });
  }

  async updateProfile(organisationId: string, userId: string, dto: UpdateRosterProfileDto, viewer: Viewer, meta: RequestMeta): Promise<RosterMediatorView> {
    return this.db.transaction(async (manager) => {
      await rosterOrganisation(manager, viewer, organisationId);
      const m = await rosterMembership(manager, organisationId, userId);
      // The profile is the mediator's, shared by their organisations: one they left no longer edits it.
      if (m.status === 'left') throw AppException.field('CONFLICT', 'status', 'wrongStatus', 'This mediator has left the organisation');
      const repo = manager.getRepository(MediatorProfile);
      const profile = (await repo.findOne({ where: { userId } })) ?? repo.create({ userId });
      const fields = Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined);
      Object.assign(profile, Object.fromEntries(fields.map((k) => [k, (dto as Record<string, unknown>)[k]])));
      await repo.save(profile);
      await this.audit.record({ actorId: viewer.userId, action: 'roster.profile_updated', targetType: 'user', targetId: userId, detail: { organisationId, fields } }, meta, manager);
      return this.one(manager, organisationId, userId);
    });
  }

  /** The photo: the type is read from the bytes (JPEG, PNG, WebP), never from what the client says. */
  async setPhoto(organisationId: string, userId: string, file: Express.Multer.File | undefined, viewer: Viewer, meta: RequestMeta): Promise<RosterMediatorView> {
    if (!file?.buffer?.length) throw AppException.field('VALIDATION_FAILED', 'file', 'isNotEmpty', 'Attach a photo');
    if (file.buffer.length > PHOTO_MAX_BYTES) throw AppException.field('VALIDATION_FAILED', 'file', 'maxSize', 'The photo must be at most 2 MB');
    const type = await sniff(file.buffer);
    if (!type || !PHOTO_TYPES.includes(type.mime)) throw AppException.field('VALIDATION_FAILED', 'file', 'imageType', 'The photo must be a JPEG, PNG or WebP image');
    return this.db.transaction(async (manager) => {
      await rosterOrganisation(manager, viewer, organisationId);
      if ((await rosterMembership(manager, organisationId, userId)).status === 'left') throw AppException.field('CONFLICT', 'status', 'wrongStatus', 'This mediator has left the organisation');
      await manager.getRepository(MediatorPhoto).save({ userId, mime: type.mime, bytes: file.buffer });
      const repo = manager.getRepository(MediatorProfile);
      const profile = (await repo.findOne({ where: { userId } })) ?? repo.create({ userId });
      profile.photoMime = type.mime;
      await repo.save(profile);
      await this.audit.record(
        { actorId: viewer.userId, action: 'roster.photo_set', targetType: 'user', targetId: userId, detail: { organisationId, mime: type.mime, bytes: file.buffer.length } },
        meta,
        manager,
      );
      return this.one(manager, organisationId, userId);
    });
  }

  async addCredential(organisationId: string, userId: string, dto: CredentialDto, viewer: Viewer, meta: RequestMeta): Promise<RosterMediatorView> {
    if (dto.expiresOn && dto.expiresOn < dto.issuedOn) throw AppException.field('VALIDATION_FAILED', 'expiresOn', 'afterIssued', 'The expiry date is before the date of issue');
    return this.db.transaction(async (manager) => {
      await rosterOrganisation(manager, viewer, organisationId);
      await rosterMembership(manager, organisationId, userId);
      const saved = await manager
        .getRepository(MediatorCredential)
        .save({ userId, organisationId, kind: dto.kind, title: dto.title, issuer: dto.issuer?.trim() ?? '', issuedOn: dto.issuedOn, expiresOn: dto.expiresOn ?? null });
      await this.audit.record(
        { actorId: viewer.userId, action: 'roster.credential_added', targetType: 'user', targetId: userId, detail: { organisationId, credentialId: saved.id, ...dto } },
        meta,
        manager,
      );
      return this.one(manager, organisationId, userId);
    });
  }

  async removeCredential(organisationId: string, userId: string, credentialId: string, viewer: Viewer, meta: RequestMeta): Promise<RosterMediatorView> {
    return this.db.transaction(async (manager) => {
      await rosterOrganisation(manager, viewer, organisationId);
      const c = await manager.getRepository(MediatorCredential).findOne({ where: { id: credentialId, userId, organisationId } });
      if (!c) throw new AppException('NOT_FOUND', 'Not found');
      await manager.getRepository(MediatorCredential).delete({ id: c.id });
      await this.audit.record(
        { actorId: viewer.userId, action: 'roster.credential_removed', targetType: 'user', targetId: userId, detail: { organisationId, credentialId, title: c.title, kind: c.kind } },
        meta,
        manager,
      );
      return this.one(manager, organisationId, userId);
    });
  }

  /** Suspend (with reason), resume, or record that the mediator left; each audited. */
  async setStatus(organisationId: string, userId: string, to: MembershipStatus, reason: string | null, viewer: Viewer, meta: RequestMeta): Promise<RosterMediatorView> {
    return this.db.transaction(async (manager) => {
      await rosterOrganisation(manager, viewer, organisationId);
      const m = await rosterMembership(manager, organisationId, userId);
      const allowed: Record<MembershipStatus, MembershipStatus[]> = { active: ['suspended', 'left'], suspended: ['active', 'left'], left: [] };
      if (!allowed[m.status].includes(to)) throw AppException.field('CONFLICT', 'status', 'wrongStatus', `A mediator who is ${m.status} cannot become ${to}`);
      await manager.getRepository(Membership).update({ id: m.id }, { status: to, statusReason: reason, statusChangedAt: this.clock.now() });
      // A socket never keeps a right REST would refuse: open connections re-derive the mediator's channels on commit.
      const open: Array<{ case_id: string }> = await manager.query(
        `SELECT DISTINCT a.case_id FROM case_assignment a JOIN mediation_case c ON c.id = a.case_id WHERE a.mediator_id = $1 AND c.organisation_id = $2 AND a.status IN ('pending', 'accepted')`,
        [userId, organisationId],
      );
      for (const r of open) this.changes.mark(manager, r.case_id);
      const action = to === 'active' ? 'roster.resume' : to === 'suspended' ? 'roster.suspend' : 'roster.leave';
      await this.audit.record({ actorId: viewer.userId, action, targetType: 'user', targetId: userId, detail: { organisationId, from: m.status, to, reason } }, meta, manager);
      return this.one(manager, organisationId, userId);
    });
  }
}

export function credentialView(c: MediatorCredential, today: string): CredentialView {
  return { id: c.id, kind: c.kind, title: c.title, issuer: c.issuer, issuedOn: c.issuedOn, expiresOn: c.expiresOn, expiry: credentialExpiry(c.expiresOn, today) };
}
