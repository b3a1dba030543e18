import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  CONFIRMATION_LIMITS,
  REFUSAL_GROUNDS,
  LIMITS,
  REJECTION_GROUNDS,
  UPLOAD_LIMITS,
  type ConfirmationMessageRequest,
  type ConfirmationOverview,
  type CourtApplicationDetail,
  type CourtChoiceRequest,
  type PartyContactsRequest,
  type CourtQueueItem,
  type RequestOtpResponse,
  type ExtendRequest,
  type RefuseRequest,
  type RefusalGround,
  type RejectRequest,
  type RulingRequest,
  type RejectionGround,
  type SignApplicationRequest,
  type SupplementDecisionRequest,
  type SupplementRequestBody,
  type WithdrawApplicationRequest,
  type CourtQueueQuery,
} from '@tiaojie/contracts';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import type { Response } from 'express';
import { CurrentAuth } from '../accounts/auth.guard';
import type { AuthContext } from '../accounts/tokens.service';
import { AppException } from '../common/app-exception';
import { trim } from '../common/transforms';
import type { Viewer } from '../cases/cases.service';
import { CurrentViewer } from '../cases/viewer.decorator';
import { ConfirmationService } from './confirmation.service';
import { CourtConfirmationService } from './court-confirmation.service';
import { CourtReadsService } from './court-reads.service';
import { AcceptsFiles } from '../common/transport';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });

class AnswersDto {
  @IsOptional()
  @IsBoolean()
  personalStatus?: boolean;

  @IsOptional()
  @IsBoolean()
  specialProcedure?: boolean;

  @IsOptional()
  @IsBoolean()
  titleDispute?: boolean;
}

class SignDto implements SignApplicationRequest {
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;

  @ValidateNested()
  @Type(() => AnswersDto)
  answers!: AnswersDto;

  @IsInt()
  @Min(1)
  version!: number;
}

/** R31/R30: a party's address and domicile. */
class PartyContactsDto implements PartyContactsRequest {
  @IsUUID()
  partyId!: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.addressMax)
  address?: string;

  @ApiPropertyOptional({ example: '330106', nullable: true, description: "R30: the party's domicile; null clears it" })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString()
  @Matches(/^\d{6}$/, { message: 'domicileRegion must be a 6-digit division code' })
  domicileRegion?: string | null;
}

class CourtChoiceDto implements CourtChoiceRequest {
  @IsUUID()
  courtId!: string;
}

class WithdrawDto implements WithdrawApplicationRequest {
  @IsInt()
  @Min(1)
  version!: number;

  @IsOptional()
  @IsString()
  @MaxLength(CONFIRMATION_LIMITS.reasonNoteMax)
  note?: string;
}

class MessageDto implements ConfirmationMessageRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONFIRMATION_LIMITS.messageMax)
  body!: string;
}

class SupplementDto implements SupplementRequestBody {
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONFIRMATION_LIMITS.supplementTextMax)
  text!: string;

  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be YYYY-MM-DD' })
  dueDate!: string;
}

class ExtendDto implements ExtendRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONFIRMATION_LIMITS.reasonNoteMax)
  reason!: string;

  /** R33: the approving person (e.g. the court's president). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  approvedBy!: string;

  @IsISO8601({ strict: true })
  approvedAt!: string;
}

class SupplementDecisionDto implements SupplementDecisionRequest {
  @IsBoolean()
  withdrawn!: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(CONFIRMATION_LIMITS.reasonNoteMax)
  note?: string;
}

class RulingDto implements RulingRequest {
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

class RejectDto extends RulingDto implements RejectRequest {
  @IsIn(REJECTION_GROUNDS)
  reasonCode!: RejectionGround;

  @IsOptional()
  @IsString()
  @MaxLength(CONFIRMATION_LIMITS.reasonNoteMax)
  reasonNote?: string;
}

class RefuseDto extends RulingDto implements RefuseRequest {
  @IsIn(REFUSAL_GROUNDS)
  reasonCode!: RefusalGround;

  @IsOptional()
  @IsString()
  @MaxLength(CONFIRMATION_LIMITS.reasonNoteMax)
  reasonNote?: string;
}

class CourtQueueQueryDto implements CourtQueueQuery {
  @IsOptional()
  @IsIn(['open', 'all'])
  scope?: 'open' | 'all';
}

function sendPdf(res: Response, file: { bytes: Buffer; fileName: string; mimeType?: string }) {
  res.setHeader('Content-Type', file.mimeType ?? 'application/pdf');
  res.setHeader('Cache-Control', 'private, no-store');
  res.attachment(file.fileName);
  res.send(file.bytes);
}

/** The parties' side of judicial confirmation (R29–R35), under the case. */
@ApiTags('confirmation')
@Controller('cases/:id/confirmation')
export class ConfirmationController {
  constructor(private readonly service: ConfirmationService) {}

  @Get()
  @ApiOperation({ summary: 'Window (R29), proposed court (R30), exclusions (R32), package (R31), application and ruling' })
  overview(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<ConfirmationOverview> {
    return this.service.overview(id, viewer);
  }

  @Post('code')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send the signer a one-time code to sign the joint application' })
  code(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<RequestOtpResponse> {
    return this.service.requestCode(id, viewer);
  }

  @Post('sign')
  @ApiOperation({ summary: 'Sign the joint application; the last signature files it (request_confirmation)' })
  sign(@Param('id', uuid) id: string, @Body() dto: SignDto, @CurrentViewer() viewer: Viewer): Promise<ConfirmationOverview> {
    return this.service.sign(id, dto, viewer, { ip: viewer.ip });
  }

  @Post('contacts')
  @HttpCode(200)
  @ApiOperation({ summary: 'R31/R30: fill in a party’s address and domicile (the party, its agent, or the case’s mediator)' })
  contacts(@Param('id', uuid) id: string, @Body() dto: PartyContactsDto, @CurrentViewer() viewer: Viewer): Promise<ConfirmationOverview> {
    return this.service.setContacts(id, dto, viewer);
  }

  @Post('court')
  @HttpCode(200)
  @ApiOperation({ summary: 'R30: the viewer’s parties choose a competent court; the application goes where every party chose' })
  court(@Param('id', uuid) id: string, @Body() dto: CourtChoiceDto, @CurrentViewer() viewer: Viewer): Promise<ConfirmationOverview> {
    return this.service.chooseCourt(id, dto, viewer);
  }

  @Post('withdraw')
  withdraw(@Param('id', uuid) id: string, @Body() dto: WithdrawDto, @CurrentViewer() viewer: Viewer): Promise<ConfirmationOverview> {
    return this.service.withdraw(id, dto, viewer);
  }

  @Post('messages')
  message(@Param('id', uuid) id: string, @Body() dto: MessageDto, @CurrentViewer() viewer: Viewer): Promise<ConfirmationOverview> {
    return this.service.partyMessage(id, dto.body, viewer);
  }

  @Post('supplements/:supplementId/documents')
  @ApiConsumes('multipart/form-data')
  @AcceptsFiles()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_LIMITS.maxBytes, files: 1, fields: 5 } }))
  upload(
    @Param('id', uuid) id: string,
    @Param('supplementId', uuid) supplementId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ConfirmationOverview> {
    return this.service.uploadSupplement(id, supplementId, file, viewer);
  }

  @Get('ruling.pdf')
  async ruling(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    sendPdf(res, await this.service.partyPdf(id, 'ruling', viewer));
  }

  @Get('application.pdf')
  async application(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    sendPdf(res, await this.service.partyPdf(id, 'application', viewer));
  }
}

/** The court portal (R33, R34): judges and clerks of the application's court only; others get 404. */
@ApiTags('court')
@Controller('court/confirmations')
export class CourtConfirmationsController {
  constructor(
    private readonly service: CourtConfirmationService,
    private readonly reads: CourtReadsService,
  ) {}

  @Get()
  queue(@Query() q: CourtQueueQueryDto, @CurrentAuth() auth: AuthContext): Promise<CourtQueueItem[]> {
    return this.reads.queue(auth.userId, q.scope ?? 'open');
  }

  @Get(':appId')
  // Reads of the package, its files and the messages are in the case access log (R19).
  detail(@Param('appId', uuid) appId: string, @CurrentViewer() viewer: Viewer): Promise<CourtApplicationDetail> {
    return this.reads.courtDetail(viewer.userId, appId, viewer.ip);
  }

  @Get(':appId/application.pdf')
  async applicationPdf(@Param('appId', uuid) appId: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    sendPdf(res, await this.reads.courtFile(viewer.userId, appId, 'application', viewer.ip));
  }

  @Get(':appId/agreement.pdf')
  async agreementPdf(@Param('appId', uuid) appId: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    sendPdf(res, await this.reads.courtFile(viewer.userId, appId, 'agreement', viewer.ip));
  }

  @Get(':appId/ruling.pdf')
  async rulingPdf(@Param('appId', uuid) appId: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    sendPdf(res, await this.reads.courtFile(viewer.userId, appId, 'ruling', viewer.ip));
  }

  @Get(':appId/documents/:documentId')
  async document(@Param('appId', uuid) appId: string, @Param('documentId', uuid) documentId: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    sendPdf(res, await this.reads.courtFile(viewer.userId, appId, { documentId }, viewer.ip));
  }

  @Post(':appId/accept')
  accept(@Param('appId', uuid) appId: string, @CurrentAuth() auth: AuthContext): Promise<CourtApplicationDetail> {
    return this.service.accept(auth.userId, appId);
  }

  @Post(':appId/extend')
  extend(@Param('appId', uuid) appId: string, @Body() dto: ExtendDto, @CurrentAuth() auth: AuthContext): Promise<CourtApplicationDetail> {
    return this.service.extend(auth.userId, appId, dto);
  }

  @Post(':appId/refuse')
  @ApiOperation({ summary: 'R33: refuse to accept the application (不予受理) with a ground' })
  refuse(@Param('appId', uuid) appId: string, @Body() dto: RefuseDto, @CurrentAuth() auth: AuthContext): Promise<CourtApplicationDetail> {
    return this.service.refuse(auth.userId, appId, dto, dto.version ?? null);
  }

  @Post(':appId/supplements/:supplementId/decision')
  @ApiOperation({ summary: 'R33: the judge decides whether a missed materials deadline counts as withdrawal' })
  decide(
    @Param('appId', uuid) appId: string,
    @Param('supplementId', uuid) supplementId: string,
    @Body() dto: SupplementDecisionDto,
    @CurrentAuth() auth: AuthContext,
  ): Promise<CourtApplicationDetail> {
    return this.service.decideSupplement(auth.userId, appId, supplementId, dto);
  }

  @Post(':appId/supplements')
  supplement(@Param('appId', uuid) appId: string, @Body() dto: SupplementDto, @CurrentAuth() auth: AuthContext): Promise<CourtApplicationDetail> {
    return this.service.requestSupplement(auth.userId, appId, dto);
  }

  @Post(':appId/messages')
  message(@Param('appId', uuid) appId: string, @Body() dto: MessageDto, @CurrentAuth() auth: AuthContext): Promise<CourtApplicationDetail> {
    return this.service.courtMessage(auth.userId, appId, dto.body);
  }

  @Post(':appId/confirm')
  confirm(@Param('appId', uuid) appId: string, @Body() dto: RulingDto, @CurrentAuth() auth: AuthContext): Promise<CourtApplicationDetail> {
    return this.service.confirm(auth.userId, appId, dto.version ?? null);
  }

  @Post(':appId/reject')
  reject(@Param('appId', uuid) appId: string, @Body() dto: RejectDto, @CurrentAuth() auth: AuthContext): Promise<CourtApplicationDetail> {
    return this.service.reject(auth.userId, appId, dto, dto.version ?? null);
  }
}
