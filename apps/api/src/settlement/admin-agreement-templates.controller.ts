import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { DisputeTypeView, PutAgreementTemplateRequest } from '@tiaojie/contracts';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CurrentAuth, Roles } from '../accounts/auth.guard';
import type { AuthContext } from '../accounts/tokens.service';
import { trim } from '../common/transforms';
import { Meta, type RequestMeta } from '../common/request-meta';
import { AgreementTemplateAdminService } from './agreement-template-admin.service';

export class PutAgreementTemplateDto implements PutAgreementTemplateRequest {
  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  disputedMatters!: string;

  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  responsibilities!: string;

  @ApiProperty({ maxLength: 4000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  otherTerms!: string;
}

/** Issue #13: the console's dispute types and their agreement templates (system admin only). */
@ApiTags('admin')
@Controller('admin/dispute-types')
@Roles('admin')
export class AdminAgreementTemplatesController {
  constructor(private readonly templates: AgreementTemplateAdminService) {}

  @Get()
  list(): Promise<DisputeTypeView[]> {
    return this.templates.list();
  }

  @Put(':type/agreement-template')
  put(@CurrentAuth() auth: AuthContext, @Param('type') type: string, @Body() dto: PutAgreementTemplateDto, @Meta() meta: RequestMeta): Promise<DisputeTypeView> {
    return this.templates.put(type, { disputedMatters: dto.disputedMatters, responsibilities: dto.responsibilities, otherTerms: dto.otherTerms }, auth.userId, meta);
  }

  @Delete(':type/agreement-template')
  reset(@CurrentAuth() auth: AuthContext, @Param('type') type: string, @Meta() meta: RequestMeta): Promise<DisputeTypeView> {
    return this.templates.put(type, null, auth.userId, meta);
  }
}
