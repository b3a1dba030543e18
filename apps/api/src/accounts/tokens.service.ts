import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { randomToken, sha256Hex } from '../common/crypto';
import type { RequestMeta } from '../common/request-meta';
import { AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { AuthSession } from './auth-session.entity';
import { RefreshToken } from './refresh-token.entity';
import { SessionEvents } from './session-events';
import { User } from './user.entity';

export interface IssuedTokens {
  sessionId: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

interface AccessClaims {
  sub: string;
  sid: string;
  iat: number;
  exp: number;
}

/** Who is asking, as the guard and the socket gateway establish it on every request. */
export interface AuthContext {
  userId: string;
  sessionId: string;
  sessionExpiresAt: Date;
  user: User;
}

/**
 * Sessions and tokens: a short-lived signed access token naming the session, and a rotating
 * opaque refresh token. Every check reads the session row, so logout and a disabled account
 * take effect on the very next request.
 */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: SessionEvents,
  ) {}

  async startSession(manager: EntityManager, user: User, meta: RequestMeta): Promise<IssuedTokens> {
    const now = this.clock.now();
    const session = await manager.getRepository(AuthSession).save(
      manager.getRepository(AuthSession).create({
        userId: user.id,
        expiresAt: new Date(now.getTime() + this.config.env.REFRESH_TOKEN_TTL_SECONDS * 1000),
        revokedAt: null,
        revokedReason: null,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      }),
    );
    return this.issue(manager, session, now);
  }

  private async issue(manager: EntityManager, session: AuthSession, now: Date): Promise<IssuedTokens> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = Math.min(iat + this.config.env.ACCESS_TOKEN_TTL_SECONDS, Math.floor(session.expiresAt.getTime() / 1000));
    const accessToken = await this.jwt.signAsync({ sub: session.userId, sid: session.id, iat, exp } satisfies AccessClaims);
    const refreshToken = randomToken();
    await manager.getRepository(RefreshToken).insert({
      sessionId: session.id,
      tokenHash: sha256Hex(refreshToken),
      expiresAt: session.expiresAt,
      usedAt: null,
    });
    return {
      sessionId: session.id,
      accessToken,
      accessTokenExpiresAt: new Date(exp * 1000),
      refreshToken,
      refreshTokenExpiresAt: session.expiresAt,
    };
  }

  /** Verifies an access token and loads its live session and user, or throws a 401/403. */
  async authenticate(accessToken: string): Promise<AuthContext> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(accessToken, {
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
    } catch (e) {
      if ((e as Error).name === 'TokenExpiredError') throw new AppException('SESSION_EXPIRED', 'Access token expired');
      throw new AppException('UNAUTHENTICATED', 'Invalid access token');
    }
    if (typeof claims.sid !== 'string' || typeof claims.sub !== 'string') {
      throw new AppException('UNAUTHENTICATED', 'Invalid access token');
    }
    // One statement on every authenticated request (TARGETS P3): findOne with a relation runs two.
    const session = await this.db.getRepository(AuthSession).createQueryBuilder('s').leftJoinAndSelect('s.user', 'u').where('s.id = :sid', { sid: claims.sid }).getOne();
    if (!session || !session.user || session.userId !== claims.sub || session.revokedAt) {
      throw new AppException('UNAUTHENTICATED', 'Session has ended');
    }
    if (session.expiresAt <= this.clock.now()) throw new AppException('UNAUTHENTICATED', 'Session has ended');
    if (session.user.disabledAt) throw new AppException('ACCOUNT_DISABLED', 'Account is disabled');
    return { userId: session.userId, sessionId: session.id, sessionExpiresAt: session.expiresAt, user: session.user };
  }

  /**
   * Rotates a refresh token. A token presented twice means someone else holds it: the whole
   * session is revoked (committed before the error is thrown) and both holders must log in.
   */
  async refresh(refreshToken: string, meta: RequestMeta): Promise<{ tokens: IssuedTokens; user: User }> {
    const now = this.clock.now();
    const outcome = await this.db.transaction(async (manager) => {
      const row = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :h', { h: sha256Hex(refreshToken) })
        .getOne();
      if (!row) return { kind: 'unknown' as const };
      const session = await manager.getRepository(AuthSession).findOne({ where: { id: row.sessionId }, relations: { user: true } });
      if (!session || session.revokedAt || session.expiresAt <= now || row.expiresAt <= now) return { kind: 'ended' as const };
      const user = session.user;
      if (!user || user.disabledAt) return { kind: 'disabled' as const };
      if (row.usedAt) {
        await manager.getRepository(AuthSession).update({ id: session.id }, { revokedAt: now, revokedReason: 'refresh_reuse' });
        await this.audit.record({ actorId: session.userId, action: 'session.refresh_reuse_detected', targetType: 'session', targetId: session.id }, meta, manager);
        return { kind: 'reused' as const, sessionId: session.id };
      }
      await manager.getRepository(RefreshToken).update({ id: row.id }, { usedAt: now });
      const tokens = await this.issue(manager, session, now);
      return { kind: 'ok' as const, tokens, user };
    });
    switch (outcome.kind) {
      case 'ok':
        return { tokens: outcome.tokens, user: outcome.user };
      case 'reused':
        this.events.sessionEnded(outcome.sessionId, 'logout');
        throw new AppException('REFRESH_REUSED', 'Refresh token was already used; the session has been ended');
      case 'disabled':
        throw new AppException('ACCOUNT_DISABLED', 'Account is disabled');
      default:
        throw new AppException('UNAUTHENTICATED', 'Session has ended');
    }
  }

  async revokeSession(manager: EntityManager, sessionId: string, reason: string) {
    await manager.getRepository(AuthSession).update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now(), revokedReason: reason });
  }

  async revokeAllForUser(manager: EntityManager, userId: string, reason: string, exceptSessionId?: string) {
    const qb = manager.createQueryBuilder().update(AuthSession).set({ revokedAt: this.clock.now(), revokedReason: reason }).where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (exceptSessionId) qb.andWhere('id <> :sid', { sid: exceptSessionId });
    await qb.execute();
  }
}
