import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MembershipReader, type HeldMembership } from '../accounts/membership-reader';
import { Membership } from './membership.entity';

/** Accounts' view of a user's memberships (accounts/membership-reader.ts), from the membership rows. */
@Injectable()
export class MembershipRows extends MembershipReader {
  async ofUser(userId: string, manager: EntityManager): Promise<HeldMembership[]> {
    const rows = await manager.getRepository(Membership).find({ where: { userId }, relations: { organisation: true, court: true, bureau: true }, order: { createdAt: 'ASC' } });
    return rows.map((m) => ({ role: m.role, left: m.status === 'left', place: placeOf(m) }));
  }
}

function placeOf(m: Membership): HeldMembership['place'] {
  if (m.organisation) return { kind: 'organisation', id: m.organisation.id, name: m.organisation.name, organisationType: m.organisation.type };
  if (m.court) return { kind: 'court', id: m.court.id, name: m.court.name };
  if (m.bureau) return { kind: 'bureau', id: m.bureau.id, name: m.bureau.name };
  return null;
}

/** Global, so AccountsModule (imported by most modules) gets the reader without importing organisations. */
@Global()
@Module({ providers: [{ provide: MembershipReader, useClass: MembershipRows }], exports: [MembershipReader] })
export class MembershipReaderModule {}
