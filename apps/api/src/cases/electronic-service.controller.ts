import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ElectronicServiceRequest, ElectronicServiceView, ServedDocumentKind, ServiceProofView } from '@tiaojie/contracts';
import { chinaDateTimeZh, isMainlandMobile, maskMobile } from '@tiaojie/domain';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { EntityManager, In } from 'typeorm';
import { isCaseStaff } from './case-access';
import { CaseEvent } from './case-event.entity';
import { CaseLifecycleService } from './case-lifecycle.service';
import { CaseParty } from './case-party.entity';
import { MediationCase } from './case.entity';
import { CasesService, type Viewer } from './cases.service';
import { CurrentViewer } from './viewer.decorator';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { renderPdf } from '../pdf/pdf-renderer';
import { Notification } from '../notifications/notification.entity';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new AppException('NOT_FOUND', 'Not found'),
});
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** R40: the timeline events that serve a document on the parties, and which document. */
export const SERVED_EVENTS: Readonly<Record<string, ServedDocumentKind>> = {
  agreement_effective: 'agreement',
  confirmation_granted: 'ruling',
  confirmation_rejected: 'ruling',
  confirmation_refused: 'ruling',
  confirmation_supplement_withdrawn: 'ruling',
  mediation_terminated: 'failure_report',
  confirmation_supplement_requested: 'court_request',
};

export const KIND_ZH: Record<ServedDocumentKind, string> = {
  agreement: '调解协议书',
  ruling: '法院裁定/决定',
  failure_report: '调解终结报告',
  court_request: '法院补充材料通知',
};
export const STATUS_ZH: Record<ServiceProofView['status'], string> = {
  served: '已送达',
  pending: '未送达',
  no_consent: '未同意电子送达（须另行送达）',
};

class ElectronicServiceDto implements ElectronicServiceRequest {
  @IsUUID()
  partyId!: string;

  @IsBoolean()
  consent!: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(254)
  address?: string;
}

function maskAddress(a: string | null): string | null {
  if (!a) return null;
  if (!a.includes('@')) return maskMobile(a);
  const [user, domain] = a.split('@');
  return `${user.slice(0, 1)}***@${domain ?? ''}`;
}

/**
 * R40 (CPL 90; ESL 11): electronic service only with the party's recorded consent to an
 * address; each served document gets a proof of service (送达回证) — sent, delivered (reached
 * the designated address or the party's account on the platform) and opened — for the case's
 * staff, also as a PDF for the case file.
 */
@ApiTags('notifications')
@Controller('cases/:id')
export class ElectronicServiceController {
  constructor(
    private readonly cases: CasesService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly clock: Clock,
  ) {}

  @Get('electronic-service')
  @ApiOperation({
    summary: 'R40: each party’s consent to electronic service (a party sees its own)',
  })
  consents(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<ElectronicServiceView[]> {
    return this.cases.withAccess(id, viewer, 'view_electronic_service', null, async (manager, c, relations, { deny }) => {
      const staff = isCaseStaff(relations);
      if (!staff && !relations.parties.length) deny();
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { position: 'ASC' } });
      const own = new Set(relations.parties.map((p) => p.id));
      return parties
        .filter((p) => staff || own.has(p.id))
        .map((p) => ({
          partyId: p.id,
          partyName: p.name,
          address: own.has(p.id) ? p.eServiceAddress : maskAddress(p.eServiceAddress),
          consentAt: p.eServiceConsentAt?.toISOString() ?? null,
        }));
    });
  }

  @Post('electronic-service')
  @ApiOperation({
    summary: 'R40: a party consents to electronic service at an address (or withdraws the consent)',
  })
  consent(@Param('id', uuid) id: string, @Body() dto: ElectronicServiceDto, @CurrentViewer() viewer: Viewer): Promise<ElectronicServiceView[]> {
    return this.cases
      .withAccess(id, viewer, 'electronic_service_consent', dto.partyId, async (manager, c, relations) => {
        const party = relations.parties.find((p) => p.id === dto.partyId);
        if (!party) throw AppException.field('FORBIDDEN', 'partyId', 'ownParty', 'Only the party itself (or its agent) consents to electronic service');
        const address = dto.address?.trim() ?? '';
        if (dto.consent && !(isMainlandMobile(address) || EMAIL.test(address))) {
          throw AppException.field('VALIDATION_FAILED', 'address', 'R40_address', 'Give a mobile number or an email address for electronic service');
        }
        const now = this.clock.now();
        await manager.getRepository(CaseParty).update({ id: party.id }, dto.consent ? { eServiceAddress: address, eServiceConsentAt: now } : { eServiceAddress: null, eServiceConsentAt: null });
        await this.lifecycle.runIn(manager, {
          caseId: c.id,
          version: null,
          userId: viewer.userId,
          actor: party.userId === viewer.userId ? 'citizen' : 'agent',
          event: dto.consent ? 'electronic_service_consented' : 'electronic_service_withdrawn',
          data: {
            partyId: party.id,
            partyName: party.name,
            address: dto.consent ? maskAddress(address) : null,
          },
        });
      })
      .then(() => this.consents(id, viewer));
  }

  @Get('service-proofs')
  @ApiOperation({
    summary: 'R40: the proof of service (送达回证) of every served document, for the case’s staff',
  })
  proofs(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<ServiceProofView[]> {
    return this.cases.withAccess(id, viewer, 'view_service_proofs', null, async (manager, c, relations, { deny }) => {
      if (!isCaseStaff(relations)) deny();
      return serviceProofs(manager, c);
    });
  }

  @Get('service-proofs.pdf')
  @ApiOperation({
    summary: 'R40: the proofs of service as a PDF, for the case file',
  })
  async proofsPdf(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const pdf = await this.cases.withAccess(id, viewer, 'download_service_proofs', null, async (manager, c, relations, { deny }) => {
      if (!isCaseStaff(relations)) deny();
      const proofs = await serviceProofs(manager, c);
      return {
        pdf: await renderServiceProofsPdf(c, proofs, this.clock.now()),
        number: c.number ?? c.id,
      };
    });
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Cache-Control', 'private, no-store');
    res.attachment(`service-proofs-${pdf.number}.pdf`);
    res.send(pdf.pdf.buffer);
  }
}

const minDate = (dates: (Date | null | undefined)[]): Date | null => {
  const ms = dates.filter((d): d is Date => !!d).map((d) => d.getTime());
  return ms.length ? new Date(Math.min(...ms)) : null;
};

/** R40: one proof per served document and party, from the notices the serving event caused. */
export async function serviceProofs(manager: EntityManager, c: MediationCase): Promise<ServiceProofView[]> {
  const events = await manager.getRepository(CaseEvent).find({
    where: { caseId: c.id, type: In(Object.keys(SERVED_EVENTS)) },
    order: { seq: 'ASC' },
  });
  if (!events.length) return [];
  const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { position: 'ASC' } });
  const notices = await manager.getRepository(Notification).find({ where: { eventId: In(events.map((e) => e.id)) } });
  const out: ServiceProofView[] = [];
  for (const e of events) {
    for (const p of parties) {
      const accounts = [p.userId, p.agentUserId].filter((x): x is string => !!x);
      const rows = notices.filter((n) => n.eventId === e.id && ((n.recipientUserId && accounts.includes(n.recipientUserId)) || (!n.recipientUserId && n.recipientMobile === p.mobile)));
      // R40: consent recorded before the document was served.
      const consented = !!p.eServiceConsentAt && p.eServiceConsentAt <= e.createdAt;
      const address = consented ? p.eServiceAddress : null;
      // Reached the designated address (its channel), or the party's account on the platform (the designated system).
      const reached = rows.filter((n) => n.status === 'sent' && (n.channel === 'in_app' || (address && (n.recipientMobile === address || n.recipientEmail === address))));
      const deliveredAt = minDate(reached.map((n) => n.sentAt));
      out.push({
        eventId: e.id,
        kind: SERVED_EVENTS[e.type],
        event: e.type,
        partyId: p.id,
        partyName: p.name,
        address: maskAddress(address),
        consented,
        status: !consented ? 'no_consent' : deliveredAt ? 'served' : 'pending',
        sentAt: minDate(rows.map((n) => n.sentAt))?.toISOString() ?? null,
        deliveredAt: consented ? (deliveredAt?.toISOString() ?? null) : null,
        openedAt: minDate(rows.map((n) => n.readAt))?.toISOString() ?? null,
        channels: rows.map((n) => ({
          channel: n.channel,
          status: n.status,
          sentAt: n.sentAt?.toISOString() ?? null,
          readAt: n.readAt?.toISOString() ?? null,
        })),
      });
    }
  }
  return out;
}

/** R40: 送达回证 — one row per served document and party. */
export function renderServiceProofsPdf(c: MediationCase, proofs: ServiceProofView[], at: Date) {
  const t = (iso: string | null) => (iso ? chinaDateTimeZh(new Date(iso)) : '—');
  return renderPdf({
    title: '送达回证',
    header: c.number ?? '',
    createdAt: at,
    blocks: [
      { type: 'title', text: '送达回证' },
      {
        type: 'fields',
        rows: [
          ['案号', c.number ?? ''],
          ['生成时间', chinaDateTimeZh(at)],
        ],
      },
      {
        type: 'table',
        columns: ['送达文书', '受送达人', '送达地址', '发送时间', '送达时间', '查阅时间', '状态'],
        rows: proofs.map((p) => [KIND_ZH[p.kind], p.partyName, p.address ?? '—', t(p.sentAt), t(p.deliveredAt), t(p.openedAt), STATUS_ZH[p.status]]),
      },
      {
        type: 'paragraph',
        text: '电子送达以受送达人同意并确认的电子送达地址为限；文书到达该地址或受送达人的平台账户即视为送达（民事诉讼法第九十条）。',
      },
    ],
  });
}
