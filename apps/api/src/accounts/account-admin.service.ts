import { likeContains } from '../common/like';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AdminAccountDetail, AdminAccountMembership, AdminAccountRow, AdminPage } from '@tiaojie/contracts';
import { ROLES, maskMobile, type Role } from '@tiaojie/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app-exception';
import type { RequestMeta } from '../common/request-meta';
import { AccountsService } from './accounts.service';
import { assertNotLastAdmin } from './last-admin';
import { MembershipReader } from './membership-reader';
import { User } from './user.entity';

const row = (u: User): AdminAccountRow => ({ id: u.id, name: u.name, mobileMasked: maskMobile(u.mobile), roles: u.roles, disabled: !!u.disabledAt, createdAt: u.createdAt.toISOString() });

/**
 * Issue #13: the console's accounts — find (by name or mobile; mobiles masked, R19), view roles
 * and memberships, disable or enable (AccountsService.setDisabled ends the sessions and
 * sockets), grant or revoke roles. The roles offered are the domain's ROLES, whatever they are.
 */
@Injectable()
export class AccountAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly memberships: MembershipReader,
  ) {}

  async search(q: string, page: number, pageSize: number): Promise<AdminPage<AdminAccountRow>> {
    const qb = this.db.getRepository(User).createQueryBuilder('u').orderBy('u.created_at', 'ASC').addOrderBy('u.id', 'ASC');
    const term = q.trim();
    if (term) {
      const like = likeContains(term);
      const digits = term.replace(/[\s-]/g, '');
      if (/^\+?\d+$/.test(digits)) qb.where('u.mobile LIKE :m', { m: `%${digits.replace(/^\+?86(?=1\d{10}$)/, '')}%` });
      else qb.where('u.name ILIKE :like', { like });
    }
    const [users, total] = await qb
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: users.map(row), total, page, pageSize };
  }

  async detail(id: string): Promise<AdminAccountDetail> {
    const user = await this.db.getRepository(User).findOne({ where: { id } });
    if (!user) throw new AppException('NOT_FOUND', 'No such user');
    const ms = await this.memberships.ofUser(id, this.db.manager);
    return {
      ...row(user),
      disabledReason: user.disabledReason,
      // Organisations and courts; a 司法局's role is not listed here.
      memberships: ms.flatMap(({ place, role }): AdminAccountMembership[] =>
        place?.kind === 'organisation' || place?.kind === 'court' ? [{ kind: place.kind, id: place.id, name: place.name, role }] : [],
      ),
    };
  }

  async setDisabled(actorId: string, id: string, disabled: boolean, reason: string | undefined, meta: RequestMeta): Promise<AdminAccountDetail> {
    await this.accounts.setDisabled(actorId, id, disabled, reason, meta);
    return this.detail(id);
  }

  /**
   * Sets the account's global roles. A role held through a membership (a mediator of an
   * organisation, a judge of a court) stays while the membership does: it is ended where the
   * membership is managed. An admin cannot take away their own admin role, nor the last one.
   */
  async setRoles(actorId: string, id: string, wanted: Role[], meta: RequestMeta): Promise<AdminAccountDetail> {
    const roles = ROLES.filter((r) => wanted.includes(r));
    await this.db.transaction(async (m) => {
      const repo = m.getRepository(User);
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new AppException('NOT_FOUND', 'No such user');
      const before = [...user.roles];
      const removed = before.filter((r) => !roles.includes(r));
      if (removed.includes('admin')) {
        if (actorId === id) throw AppException.field('UNPROCESSABLE', 'roles', 'notSelf', 'You cannot take away your own admin role');
        if (!user.disabledAt) await assertNotLastAdmin(m, id, 'roles');
      }
      const held = new Set((await this.memberships.ofUser(id, m)).map((x) => x.role));
      const stuck = removed.filter((r) => held.has(r));
      if (stuck.length) throw AppException.field('CONFLICT', 'roles', 'heldByMembership', `${stuck.join(', ')} is held through a membership; end the membership instead`);
      if (before.length === roles.length && before.every((r) => roles.includes(r))) return;
      user.roles = roles;
      await repo.save(user);
      await this.audit.record({ actorId, action: 'account.roles', targetType: 'user', targetId: id, detail: { before, after: roles } }, meta, m);
    });
    return this.detail(id);
  }
}
