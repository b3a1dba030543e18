import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PERFORMANCE_LIMITS, UPLOAD_LIMITS, type DisputeObligationRequest, type MarkPerformedRequest, type PerformanceView, type EnforcementQuery } from '@tiaojie/contracts';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { AppException } from '../common/app-exception';
import { trim } from '../common/transforms';
import type { Viewer } from '../cases/cases.service';
import { CurrentViewer } from '../cases/viewer.decorator';
import { PerformanceService } from './performance.service';
import { AcceptsFiles } from '../common/transport';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' || value === null ? undefined : value);

class MarkPerformedDto implements MarkPerformedRequest {
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUUID()
  proofDocumentId?: string;
}

class DisputeDto implements DisputeObligationRequest {
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(PERFORMANCE_LIMITS.noteMax)
  note!: string;
}

class EnforcementQueryDto implements EnforcementQuery {
  @IsOptional()
  @IsUUID()
  partyId?: string;
}

/** Performance of the agreement in effect (R28) and the enforcement application (R34, CPL 250). */
@ApiTags('performance')
@Controller('cases/:id')
export class PerformanceController {
  constructor(private readonly performance: PerformanceService) {}

  @Get('obligations')
  @ApiOperation({ summary: 'The obligations of the agreement in effect, with status, overdue flag and what the viewer may do' })
  list(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<PerformanceView> {
    return this.performance.list(id, viewer);
  }

  @Post('obligations/:obligationId/performed')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiOperation({ summary: 'The obligor marks an obligation performed, with optional proof (a file, or a document it uploaded)' })
  @AcceptsFiles()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_LIMITS.maxBytes, files: 1, fields: 5 } }))
  markPerformed(
    @Param('id', uuid) id: string,
    @Param('obligationId', uuid) obligationId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: MarkPerformedDto,
    @CurrentViewer() viewer: Viewer,
  ): Promise<PerformanceView> {
    return this.performance.markPerformed(id, obligationId, viewer, { file, documentId: dto.proofDocumentId });
  }

  @Post('obligations/:obligationId/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'The obligee confirms the obligation was performed' })
  confirm(@Param('id', uuid) id: string, @Param('obligationId', uuid) obligationId: string, @CurrentViewer() viewer: Viewer): Promise<PerformanceView> {
    return this.performance.confirm(id, obligationId, viewer);
  }

  @Post('obligations/:obligationId/dispute')
  @HttpCode(200)
  @ApiOperation({ summary: 'The obligee disputes a claimed performance, with a note' })
  dispute(@Param('id', uuid) id: string, @Param('obligationId', uuid) obligationId: string, @Body() dto: DisputeDto, @CurrentViewer() viewer: Viewer): Promise<PerformanceView> {
    return this.performance.dispute(id, obligationId, viewer, dto.note);
  }

  @Get('enforcement-application')
  @ApiOperation({ summary: 'The enforcement application (强制执行申请书) PDF for the obligee of an overdue obligation of a confirmed agreement' })
  async enforcement(@Param('id', uuid) id: string, @Query() query: EnforcementQueryDto, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { buffer, fileName } = await this.performance.enforcementApplication(id, viewer, query.partyId);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Cache-Control', 'private, no-store');
    res.attachment(fileName);
    res.send(buffer);
  }
}
