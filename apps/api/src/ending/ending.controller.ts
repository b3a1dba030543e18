import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CourtFilingView, EndingView } from '@tiaojie/contracts';
import type { Response } from 'express';
import { AppException } from '../common/app-exception';
import type { Viewer } from '../cases/cases.service';
import { CurrentViewer } from '../cases/viewer.decorator';
import { AnswerExtensionDto, AppraisalDto, CourtSuspendDto, EscalateDto, ProposeExtensionDto, ResumeDto, SuspendDto, TerminateWithReportDto } from './ending.dto';
import { CourtFilingsService } from './court-filings.service';
import { EndingService } from './ending.service';
import { MediationPeriodService } from './mediation-period.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });

function sendFile(res: Response, file: { body: Buffer; fileName: string }, type: 'application/pdf' | 'application/json') {
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', 'private, no-store');
  res.attachment(file.fileName);
  res.send(file.body);
}

/** Ending a mediation (R20–R24, R36) for the case's people. */
@ApiTags('ending')
@Controller('cases/:id/ending')
export class EndingController {
  constructor(
    private readonly ending: EndingService,
    private readonly periods: MediationPeriodService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Failure report, filing, extensions, sham report and the ending steps the viewer may take' })
  view(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<EndingView> {
    return this.ending.view(id, viewer);
  }

  @Post('terminate')
  @HttpCode(200)
  @ApiOperation({ summary: 'R22/R23: end mediation with a coded reason and the failure report, in one transaction' })
  terminate(@Param('id', uuid) id: string, @Body() dto: TerminateWithReportDto, @CurrentViewer() viewer: Viewer): Promise<EndingView> {
    return this.ending.terminate(id, dto, viewer);
  }

  @Get('failure-report.pdf')
  @ApiOperation({ summary: 'R23: the failure report as PDF' })
  async failureReport(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { buffer, fileName } = await this.ending.failureReportPdf(id, viewer);
    sendFile(res, { body: buffer, fileName }, 'application/pdf');
  }

  @Post('escalate')
  @HttpCode(200)
  @ApiOperation({ summary: 'R24: online filing at the competent court, back to the delegating court, or arbitration, with the case file' })
  escalate(@Param('id', uuid) id: string, @Body() dto: EscalateDto, @CurrentViewer() viewer: Viewer): Promise<EndingView> {
    return this.ending.escalate(id, dto, viewer);
  }

  @Get('package.pdf')
  async packagePdf(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    sendFile(res, await this.ending.casePackage(id, viewer, 'pdf'), 'application/pdf');
  }

  @Get('package.json')
  async packageJson(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    sendFile(res, await this.ending.casePackage(id, viewer, 'json'), 'application/json');
  }

  @Post('extensions')
  @HttpCode(200)
  @ApiOperation({ summary: 'R20: the mediator proposes extending the mediation period; every party must consent' })
  propose(@Param('id', uuid) id: string, @Body() dto: ProposeExtensionDto, @CurrentViewer() viewer: Viewer): Promise<EndingView> {
    return this.periods.proposeExtension(id, dto, viewer);
  }

  @Post('extensions/:extensionId/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'R20: a party consents to or refuses the extension' })
  answer(@Param('id', uuid) id: string, @Param('extensionId', uuid) extensionId: string, @Body() dto: AnswerExtensionDto, @CurrentViewer() viewer: Viewer): Promise<EndingView> {
    return this.periods.answerExtension(id, extensionId, dto, viewer);
  }

  @Post('suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'R36: a mediator of the case or a judge of the organisation’s court flags suspected sham mediation' })
  suspend(@Param('id', uuid) id: string, @Body() dto: SuspendDto, @CurrentViewer() viewer: Viewer): Promise<{ caseId: string; state: string }> {
    return this.periods.suspend(id, dto, viewer);
  }

  @Post('appraisal')
  @HttpCode(200)
  @ApiOperation({ summary: 'R20: the mediator records the start or end of an expert appraisal; its time is excluded from the period' })
  appraisal(@Param('id', uuid) id: string, @Body() dto: AppraisalDto, @CurrentViewer() viewer: Viewer): Promise<EndingView> {
    return this.periods.appraisal(id, dto, viewer);
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'R36: the suspicion is cleared; the case goes back to where it was' })
  resume(@Param('id', uuid) id: string, @Body() dto: ResumeDto, @CurrentViewer() viewer: Viewer): Promise<{ caseId: string; state: string }> {
    return this.periods.resume(id, dto, viewer);
  }
}

/** The court's filing queue (R24): judges and clerks of that court only. */
@ApiTags('court')
@Controller('court')
export class CourtFilingsController {
  constructor(
    private readonly filings: CourtFilingsService,
    private readonly periods: MediationPeriodService,
  ) {}

  @Get('filings')
  queue(@CurrentViewer() viewer: Viewer): Promise<CourtFilingView[]> {
    return this.filings.courtQueue(viewer);
  }

  @Get('filings/:filingId')
  one(@Param('filingId', uuid) filingId: string, @CurrentViewer() viewer: Viewer): Promise<CourtFilingView> {
    return this.filings.courtFilingView(filingId, viewer);
  }

  @Get('filings/:filingId/package.pdf')
  async pdf(@Param('filingId', uuid) filingId: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    sendFile(res, await this.filings.courtPackage(filingId, viewer, 'pdf'), 'application/pdf');
  }

  @Get('filings/:filingId/package.json')
  async json(@Param('filingId', uuid) filingId: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    sendFile(res, await this.filings.courtPackage(filingId, viewer, 'json'), 'application/json');
  }

  @Get('filings/:filingId/documents/:documentId')
  @ApiOperation({ summary: 'R24: a material of the package, for the receiving court’s judges and clerks (R19: logged)' })
  async document(@Param('filingId', uuid) filingId: string, @Param('documentId', uuid) documentId: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const file = await this.filings.courtDocument(filingId, documentId, viewer);
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.attachment(file.fileName);
    res.send(file.body);
  }

  @Post('filings/:filingId/register')
  @HttpCode(200)
  register(@Param('filingId', uuid) filingId: string, @CurrentViewer() viewer: Viewer): Promise<CourtFilingView> {
    return this.filings.register(filingId, viewer);
  }

  @Post('sham-flags')
  @HttpCode(200)
  @ApiOperation({ summary: 'R36: a judge flags suspected sham mediation of a case of an organisation under the court, by case number' })
  flag(@Body() dto: CourtSuspendDto, @CurrentViewer() viewer: Viewer): Promise<{ caseId: string; state: string }> {
    return this.periods.suspendByNumber(dto.caseNumber, dto.note, viewer);
  }
}
