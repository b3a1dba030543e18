import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { RECIPIENT_ROLES, type PlatformSettingView, type PutPlatformSettingRequest, type RecipientRole, type TemplatePreview, type TemplatesQuery } from '@tiaojie/contracts';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentAuth, Roles } from '../accounts/auth.guard';
import type { AuthContext } from '../accounts/tokens.service';
import { Meta, type RequestMeta } from '../common/request-meta';
import { AppConfig } from '../config/app-config';
import { SettingsService } from '../settings/settings.service';
import { templatePreviews } from './console-views';

export class PutSettingDto implements PutPlatformSettingRequest {
  @ApiProperty({ example: '3.10' })
  @IsString()
  @MaxLength(20)
  value!: string;
}

export class TemplatesQueryDto implements TemplatesQuery {
  @ApiPropertyOptional({ enum: RECIPIENT_ROLES })
  @IsOptional()
  @IsIn(RECIPIENT_ROLES)
  role?: RecipientRole;
}

/** Issue #13: the console's platform settings and notice templates (system admin only; dispute types: settlement/). */
@ApiTags('admin')
@Controller('admin')
@Roles('admin')
export class AdminConsoleController {
  constructor(
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
  ) {}

  @Get('settings')
  async listSettings(): Promise<PlatformSettingView[]> {
    await this.settings.reload();
    return this.settings.list();
  }

  @Put('settings/:key')
  putSetting(@CurrentAuth() auth: AuthContext, @Param('key') key: string, @Body() dto: PutSettingDto, @Meta() meta: RequestMeta): Promise<PlatformSettingView> {
    return this.settings.put(key, dto.value, auth.userId, meta);
  }

  @Get('templates')
  templates(@Query() q: TemplatesQueryDto): TemplatePreview[] {
    return templatePreviews(q.role ?? 'applicant', this.config.env.SMS_SIGNATURE);
  }
}
