import { Body, CanActivate, Controller, ExecutionContext, Get, Injectable, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseDetail } from '@tiaojie/contracts';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { readerOf } from '../cases/case-access';
import { archivedRefusal } from '../cases/case-lifecycle.service';
import { MediationCase } from '../cases/case.entity';
import type { Viewer } from '../cases/cases.service';
import { VersionDto } from '../cases/dto/case.dto';
import { CurrentViewer } from '../cases/viewer.decorator';
import { AppException, notFoundAsNull } from '../common/app-exception';
import { ArchiveService } from './archive.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });

function sendPdf(res: Response, file: { body: Buffer; fileName: string }) {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Cache-Control', 'private, no-store');
  res.attachment(file.fileName);
  res.send(file.body);
}

const CASE_PATH = /^\/api\/cases\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?]|$)/i;
/**
 * Issue #13: what is not the case file — a party's rating of the ended mediation and the staff's
 * follow-ups (回访) on the agreement's performance — may still be written once it is archived.
 */
const NOT_THE_FILE = /^\/api\/cases\/[0-9a-f-]{36}\/(?:rating|follow-ups)(?:[/?]|$)/i;
const AGREEMENT_PATH = /^\/api\/agreements\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?]|$)/i;

/**
 * R27: a closed, archived case is read-only. Every write under `/api/cases/:id/…` and
 * `/api/agreements/:id/…` of such a case is refused with 409 `R27_archived` before it runs
 * (state steps are refused again in `CaseLifecycleService.runIn`). Reads are untouched.
 */
@Injectable()
export class ArchivedCaseGuard implements CanActivate {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return true;
    // After authentication only (the auth guard runs first): an anonymous caller learns nothing of a case.
    const auth = (req as Request & { auth?: { userId: string } }).auth;
    if (!auth) return true;
    const path = req.originalUrl ?? req.url;
    if (NOT_THE_FILE.test(path)) return true;
    const caseId = CASE_PATH.exec(path)?.[1];
    const agreementId = caseId ? undefined : AGREEMENT_PATH.exec(path)?.[1];
    if (!caseId && !agreementId) return true;
    const rows: Array<{ id: string }> = caseId
      ? await this.db.query('SELECT id FROM mediation_case WHERE id = $1 AND archived_at IS NOT NULL', [caseId])
      : await this.db.query('SELECT c.id FROM agreement a JOIN mediation_case c ON c.id = a.case_id WHERE a.id = $1 AND c.archived_at IS NOT NULL', [agreementId]);
    if (!rows.length) return true;
    // Someone who cannot see the case gets the route's own 404, not a hint that it was archived.
    const c = await this.db.getRepository(MediationCase).findOneByOrFail({ id: rows[0].id });
    if (!(await readerOf(this.db.manager, auth.userId, c).catch(notFoundAsNull))) return true;
    throw archivedRefusal();
  }
}

/** R27: closing a case and its archived file. */
@ApiTags('archive')
@Controller()
export class ArchiveController {
  constructor(private readonly archive: ArchiveService) {}

  @Post('cases/:id/close')
  @ApiOperation({ summary: 'R27: close the case from a final state and archive its file (立卷归档); the case is read-only afterwards' })
  close(@Param('id', uuid) id: string, @Body() dto: VersionDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.archive.close(id, dto.version, viewer);
  }

  @Get('cases/:id/archive.pdf')
  @ApiOperation({ summary: 'R27: the archived case file, for the case’s staff (logged, R19)' })
  async archivePdf(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    sendPdf(res, await this.archive.archivePdf(id, viewer));
  }

  @Get('court/cases/:id/file.pdf')
  @ApiOperation({ summary: 'R21: the file of a case the viewer’s court brought (its archive once closed; logged, R19)' })
  async courtFile(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    sendPdf(res, await this.archive.courtFile(id, viewer));
  }
}
