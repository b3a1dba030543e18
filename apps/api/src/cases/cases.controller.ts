import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DOCUMENT_KINDS,
  DOCUMENT_VISIBILITIES,
  UPLOAD_LIMITS,
  type CaseDetail,
  type CaseListResponse,
  type DocumentKind,
  type DocumentVisibility,
  type DocumentView,
  type MediatorChoiceView,
  type MediatorProfileView,
  type TimelineEvent,
} from '@tiaojie/contracts';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { AppException } from '../common/app-exception';
import { DocumentsService } from './documents.service';
import { CaseWorkflowService } from './case-workflow.service';
import { InvitationsService } from './invitations.service';
import { ConsentGatesService } from './consent-gates.service';
import { CaseListService } from './case-list.service';
import { MediatorChoiceService } from './mediator-choice.service';
import { CasesService } from './cases.service';
import type { Viewer } from './viewer.decorator';
import {
  AcceptAssignmentDto,
  AssignMediatorDto,
  CaseActionDto,
  CaseListQueryDto,
  ChooseMediatorDto,
  ConsentDto,
  CreateCaseDto,
  DeclineAssignmentDto,
  EndMediationDto,
  RecordContactDto,
  ReturnCaseDto,
  SubmitCaseDto,
  UpdateCaseDto,
  VersionDto,
} from './dto/case.dto';
import { CurrentViewer } from './viewer.decorator';
import { AcceptsFiles } from '../common/transport';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });

class UploadDocumentDto {
  @IsIn(DOCUMENT_KINDS)
  kind!: DocumentKind;

  @IsOptional()
  @IsIn(DOCUMENT_VISIBILITIES)
  visibility?: DocumentVisibility;
}

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly caseList: CaseListService,
    private readonly choice: MediatorChoiceService,
    private readonly workflow: CaseWorkflowService,
    private readonly invitations: InvitationsService,
    private readonly documents: DocumentsService,
    private readonly gates: ConsentGatesService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Start an application (a draft): a citizen for themselves, an agent or intake staff for a citizen (R03)' })
  create(@Body() dto: CreateCaseDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.cases.create(dto, viewer);
  }

  @Get()
  list(@Query() query: CaseListQueryDto, @CurrentViewer() viewer: Viewer): Promise<CaseListResponse> {
    return this.caseList.list(query, viewer);
  }

  @Get(':id')
  detail(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.cases.detail(id, viewer);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft or a returned application (optimistic locking by version)' })
  update(@Param('id', uuid) id: string, @Body() dto: UpdateCaseDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.cases.update(id, dto, viewer);
  }

  @Get(':id/timeline')
  timeline(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<TimelineEvent[]> {
    return this.cases.timeline(id, viewer);
  }

  @Post(':id/documents')
  @ApiConsumes('multipart/form-data')
  @AcceptsFiles()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_LIMITS.maxBytes, files: 1, fields: 10 } }))
  upload(@Param('id', uuid) id: string, @UploadedFile() file: Express.Multer.File | undefined, @Body() dto: UploadDocumentDto, @CurrentViewer() viewer: Viewer): Promise<DocumentView> {
    return this.documents.upload(id, file, dto.kind, dto.visibility ?? (dto.kind === 'evidence' ? 'all_parties' : 'own_side'), viewer);
  }

  @Get(':id/documents/:documentId')
  async download(@Param('id', uuid) id: string, @Param('documentId', uuid) documentId: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { doc, bytes } = await this.documents.download(id, documentId, viewer);
    res.setHeader('Content-Type', doc.mimeType);
    res.setHeader('Cache-Control', 'private, no-store');
    res.attachment(doc.fileName);
    res.send(bytes);
  }

  @Delete(':id/documents/:documentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a document its uploader added, before the application is submitted' })
  removeDocument(@Param('id', uuid) id: string, @Param('documentId', uuid) documentId: string, @CurrentViewer() viewer: Viewer): Promise<void> {
    return this.documents.remove(id, documentId, viewer);
  }

  @Post(':id/submit')
  @ApiOperation({ summary: 'Submit: consent (R01) and notice (R02) recorded, numbered, routed to an organisation' })
  submit(@Param('id', uuid) id: string, @Body() dto: SubmitCaseDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.cases.submit(id, dto, viewer);
  }

  @Post(':id/withdraw')
  withdraw(@Param('id', uuid) id: string, @Body() dto: CaseActionDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.workflow.withdraw(id, dto, viewer);
  }

  @Post(':id/accept')
  @ApiOperation({ summary: 'Dispatcher accepts the application; respondents are invited' })
  accept(@Param('id', uuid) id: string, @Body() dto: CaseActionDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.workflow.acceptApplication(id, dto, viewer);
  }

  @Post(':id/return')
  @ApiOperation({ summary: 'Dispatcher returns the application with a coded reason (R04)' })
  returnCase(@Param('id', uuid) id: string, @Body() dto: ReturnCaseDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.workflow.returnApplication(id, dto, viewer);
  }

  @Get(':id/mediator-proposals')
  proposals(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<MediatorProfileView[]> {
    return this.workflow.proposals(id, viewer);
  }

  @Get(':id/mediator-choice')
  @ApiOperation({ summary: 'R07: the choice window, the designation deadline and each party’s choice of mediator' })
  mediatorChoice(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<MediatorChoiceView> {
    return this.choice.mediatorChoice(id, viewer);
  }

  @Post(':id/mediator-choice')
  @HttpCode(200)
  @ApiOperation({ summary: 'R07: a party chooses a mediator from the roster; when all chose the same one it is assigned' })
  chooseMediator(@Param('id', uuid) id: string, @Body() dto: ChooseMediatorDto, @CurrentViewer() viewer: Viewer): Promise<MediatorChoiceView> {
    return this.choice.chooseMediator(id, dto, viewer);
  }

  @Post(':id/assignments')
  @ApiOperation({ summary: 'Dispatcher assigns a mediator (R07, R08)' })
  assign(@Param('id', uuid) id: string, @Body() dto: AssignMediatorDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.workflow.assign(id, dto, viewer);
  }

  @Post(':id/assignments/:assignmentId/remove')
  @ApiOperation({ summary: 'Dispatcher removes a mediator from the case (R11: change of mediator, recusal)' })
  removeAssignment(@Param('id', uuid) id: string, @Param('assignmentId', uuid) assignmentId: string, @Body() dto: CaseActionDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.workflow.removeAssignment(id, assignmentId, dto, viewer);
  }

  @Post(':id/assignment/accept')
  @ApiOperation({ summary: 'The assigned mediator accepts, disclosing any conflict (R09, R10)' })
  acceptAssignment(@Param('id', uuid) id: string, @Body() dto: AcceptAssignmentDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.workflow.acceptAssignment(id, dto, viewer);
  }

  @Post(':id/assignment/decline')
  @ApiOperation({ summary: 'The assigned mediator declines with a reason (R09)' })
  declineAssignment(@Param('id', uuid) id: string, @Body() dto: DeclineAssignmentDto, @CurrentViewer() viewer: Viewer): Promise<{ declined: true }> {
    return this.workflow.declineAssignment(id, dto, viewer);
  }

  @Post(':id/contacts')
  @ApiOperation({ summary: 'The mediator records a contact with a party, with a respondent’s answer (R12, same-day SLA); consent by phone is confirmed by the respondent through an SMS link' })
  contact(@Param('id', uuid) id: string, @Body() dto: RecordContactDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.gates.recordContact(id, dto, viewer);
  }

  @Post(':id/end-mediation')
  @HttpCode(200)
  @ApiOperation({ summary: 'R01 (PML 23): a party ends mediation itself, with its coded reason; the case is TERMINATED and the others are told' })
  endMediation(@Param('id', uuid) id: string, @Body() dto: EndMediationDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.gates.endByParty(id, dto, viewer);
  }

  @Post(':id/parties/:partyId/invitation')
  resendInvitation(@Param('id', uuid) id: string, @Param('partyId', uuid) partyId: string, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.invitations.resendInvitation(id, partyId, viewer);
  }

  @Post(':id/consent')
  @ApiOperation({ summary: 'A party consents to online mediation after seeing the notice, or refuses (R01, R02, R12)' })
  consent(@Param('id', uuid) id: string, @Body() dto: ConsentDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.workflow.consent(id, dto, viewer);
  }

  @Post(':id/start')
  start(@Param('id', uuid) id: string, @Body() dto: VersionDto, @CurrentViewer() viewer: Viewer): Promise<CaseDetail> {
    return this.workflow.startMediation(id, dto, viewer);
  }
}
