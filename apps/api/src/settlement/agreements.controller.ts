import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { UPLOAD_LIMITS, type AgreementCompareView, type AgreementDetailView, type AgreementTemplateView, type AgreementVerification, type RequestOtpResponse } from '@tiaojie/contracts';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { Public } from '../accounts/auth.guard';
import type { Viewer } from '../cases/cases.service';
import { CurrentViewer } from '../cases/viewer.decorator';
import { AppException } from '../common/app-exception';
import { AgreementSigningService } from './agreement-signing.service';
import { AgreementVerificationService } from './agreement-verification.service';
import { AgreementsService } from './agreements.service';
import { ChangeRequestDto, CompareQueryDto, SaveAgreementDto, SignAgreementDto, StartSigningDto } from './dto/agreement.dto';
import { AcceptsFiles } from '../common/transport';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });

@ApiTags('settlement')
@Controller()
export class AgreementsController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly signing: AgreementSigningService,
  ) {}

  @Get('cases/:id/agreement-template')
  @ApiOperation({ summary: 'The mediator’s starting draft for the case’s dispute type (R25)' })
  template(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<AgreementTemplateView> {
    return this.agreements.template(id, viewer);
  }

  @Get('cases/:id/agreements')
  list(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<AgreementDetailView[]> {
    return this.agreements.list(id, viewer);
  }

  @Post('cases/:id/agreements')
  @ApiOperation({ summary: 'The mediator drafts an agreement (while mediating, or a new one after a rejection, R34)' })
  create(@Param('id', uuid) id: string, @Body() dto: SaveAgreementDto, @CurrentViewer() viewer: Viewer): Promise<AgreementDetailView> {
    return this.agreements.create(id, dto, viewer);
  }

  @Get('agreements/:id')
  get(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<AgreementDetailView> {
    return this.agreements.get(id, viewer);
  }

  @Put('agreements/:id')
  @ApiOperation({ summary: 'Save a new revision of the draft (editing during signing discards the signatures, R26)' })
  save(@Param('id', uuid) id: string, @Body() dto: SaveAgreementDto, @CurrentViewer() viewer: Viewer): Promise<AgreementDetailView> {
    return this.agreements.save(id, dto, viewer);
  }

  @Get('agreements/:id/compare')
  compare(@Param('id', uuid) id: string, @Query() q: CompareQueryDto, @CurrentViewer() viewer: Viewer): Promise<AgreementCompareView> {
    return this.agreements.compare(id, q.from, q.to, viewer);
  }

  @Post('agreements/:id/change-requests')
  @ApiOperation({ summary: 'A party asks for changes (private to its caucus, R15)' })
  requestChanges(@Param('id', uuid) id: string, @Body() dto: ChangeRequestDto, @CurrentViewer() viewer: Viewer): Promise<AgreementDetailView> {
    return this.agreements.requestChanges(id, dto, viewer);
  }

  @Post('agreements/:id/start-signing')
  @ApiOperation({ summary: 'Freeze the current revision by its content hash and collect signatures (R26)' })
  startSigning(@Param('id', uuid) id: string, @Body() dto: StartSigningDto, @CurrentViewer() viewer: Viewer): Promise<AgreementDetailView> {
    return this.agreements.startSigning(id, dto, viewer);
  }

  @Post('agreements/:id/signing-code')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a signing code by SMS to the signer’s own phone (R26)' })
  signingCode(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<RequestOtpResponse> {
    return this.signing.requestSigningCode(id, viewer);
  }

  @Post('agreements/:id/sign')
  @ApiOperation({ summary: 'Sign with the SMS code and a drawn signature; the last signature makes it effective (R26)' })
  sign(@Param('id', uuid) id: string, @Body() dto: SignAgreementDto, @CurrentViewer() viewer: Viewer, @Headers('user-agent') userAgent?: string): Promise<AgreementDetailView> {
    return this.signing.sign(id, dto, viewer, userAgent ?? null);
  }

  @Post('agreements/:id/seal')
  @ApiOperation({ summary: 'An org admin applies the organisation’s seal; a people’s mediation agreement takes effect then (R26, PML 29)' })
  seal(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<AgreementDetailView> {
    return this.signing.seal(id, viewer);
  }

  @Get('agreements/:id/pdf')
  @ApiOperation({ summary: 'Each party’s copy of the signed agreement (R27)' })
  async pdf(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { fileName, bytes } = await this.agreements.download(id, viewer);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Cache-Control', 'private, no-store');
    res.attachment(fileName);
    res.send(bytes);
  }
}

class VerifyUploadDto {
  @IsOptional()
  @IsString()
  @MaxLength(32)
  code?: string;
}

/** The public verification of a signed agreement: by its code, or by uploading the PDF (its sha-256 against the record). */
@ApiTags('settlement')
@Public()
@UseGuards(ThrottlerGuard)
@Controller('verify')
export class VerifyController {
  constructor(private readonly verification: AgreementVerificationService) {}

  @Get(':code')
  byCode(@Param('code') code: string): Promise<AgreementVerification> {
    return this.verification.verifyCode(code);
  }

  @Post()
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @AcceptsFiles()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_LIMITS.maxBytes, files: 1, fields: 2 } }))
  upload(@UploadedFile() file: Express.Multer.File | undefined, @Body() dto: VerifyUploadDto): Promise<AgreementVerification> {
    if (!file) throw AppException.field('VALIDATION_FAILED', 'file', 'required', 'Upload the PDF to check');
    return this.verification.verifyPdf(file.buffer, dto.code);
  }
}
