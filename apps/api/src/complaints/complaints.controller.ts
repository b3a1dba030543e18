import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { UPLOAD_LIMITS, type CaseAccessLogEntry, type ComplaintDetail, type ComplaintEvidenceView, type ComplaintView, type ComplaintListQuery, type ComplaintScope } from '@tiaojie/contracts';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import type { Viewer } from '../cases/cases.service';
import { CurrentViewer } from '../cases/viewer.decorator';
import { AppException } from '../common/app-exception';
import { Meta, type RequestMeta } from '../common/request-meta';
import { AcceptsFiles } from '../common/transport';
import { ComplaintHandlingService } from './complaint-handling.service';
import { ComplaintsService } from './complaints.service';
import { ComplaintNoteDto, CreateComplaintDto, DecideComplaintDto, InvestigateComplaintDto } from './dto';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });
const SCOPES: readonly ComplaintScope[] = ['mine', 'queue', 'about_me'];

class ComplaintListQueryDto implements ComplaintListQuery {
  @ApiPropertyOptional({ enum: SCOPES })
  @IsOptional()
  @IsIn(SCOPES, { message: `scope must be one of ${SCOPES.join(', ')}` })
  scope?: ComplaintScope;
}

/** R38: the complaint channel (and R19: a leak complaint's handler reads the case's access log). */
@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly handling: ComplaintHandlingService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'R38: file a complaint about a mediator or an organisation (a case link only by a party of that case)' })
  file(@Body() dto: CreateComplaintDto, @CurrentViewer() viewer: Viewer, @Meta() meta: RequestMeta): Promise<ComplaintDetail> {
    return this.complaints.file(dto, viewer, meta);
  }

  @Get()
  @ApiOperation({ summary: 'R38: mine (the complainant’s own), queue (the organisation admin’s; escalated ones for the supervisor), about_me (a mediator’s, without the complainant)' })
  list(@Query() q: ComplaintListQueryDto, @CurrentViewer() viewer: Viewer): Promise<ComplaintView[]> {
    return this.complaints.list(q.scope ?? 'mine', viewer);
  }

  @Get(':id')
  @ApiOperation({ summary: 'R38: the complaint and its history (internal notes for handlers only); the complainant opening a decided one is told' })
  detail(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer, @Meta() meta: RequestMeta): Promise<ComplaintDetail> {
    return this.complaints.detail(id, viewer, meta);
  }

  @Post(':id/evidence')
  @ApiOperation({ summary: 'R38: the complainant adds evidence (type sniffed from the bytes)' })
  @ApiConsumes('multipart/form-data')
  @AcceptsFiles()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_LIMITS.maxBytes, files: 1, fields: 5 } }))
  addEvidence(@Param('id', uuid) id: string, @UploadedFile() file: Express.Multer.File | undefined, @CurrentViewer() viewer: Viewer, @Meta() meta: RequestMeta): Promise<ComplaintEvidenceView> {
    return this.complaints.addEvidence(id, file, viewer, meta);
  }

  @Get(':id/evidence/:evidenceId')
  @ApiOperation({ summary: 'R38: download evidence (complainant, handler, supervisor; never the mediator complained about)' })
  async download(@Param('id', uuid) id: string, @Param('evidenceId', uuid) evidenceId: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { doc, bytes } = await this.complaints.downloadEvidence(id, evidenceId, viewer);
    res.setHeader('Content-Type', doc.mimeType);
    res.setHeader('Cache-Control', 'private, no-store');
    res.attachment(doc.fileName);
    res.send(bytes);
  }

  @Post(':id/investigate')
  @ApiOperation({ summary: 'R38: the handler takes the complaint into investigation (due in 3 working days)' })
  investigate(@Param('id', uuid) id: string, @Body() dto: InvestigateComplaintDto, @CurrentViewer() viewer: Viewer, @Meta() meta: RequestMeta): Promise<ComplaintDetail> {
    return this.handling.investigate(id, dto.note || undefined, viewer, meta);
  }

  @Post(':id/notes')
  @ApiOperation({ summary: 'R38: an internal note (never shown to the complainant or the mediator)' })
  note(@Param('id', uuid) id: string, @Body() dto: ComplaintNoteDto, @CurrentViewer() viewer: Viewer, @Meta() meta: RequestMeta): Promise<ComplaintDetail> {
    return this.handling.note(id, dto.text, viewer, meta);
  }

  @Post(':id/decide')
  @ApiOperation({ summary: 'R38: decide with a coded outcome and reasons (due in 15 working days); the complainant is told' })
  decide(@Param('id', uuid) id: string, @Body() dto: DecideComplaintDto, @CurrentViewer() viewer: Viewer, @Meta() meta: RequestMeta): Promise<ComplaintDetail> {
    return this.handling.decide(id, dto, viewer, meta);
  }

  @Get(':id/case-access-log')
  @ApiOperation({ summary: 'R19: the linked case’s access log, for the handler of a leak complaint (the reading is logged)' })
  accessLog(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer, @Meta() meta: RequestMeta): Promise<CaseAccessLogEntry[]> {
    return this.handling.caseAccessLog(id, viewer, meta);
  }
}
