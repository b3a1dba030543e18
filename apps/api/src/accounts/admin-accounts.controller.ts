import { PageQuery } from '../common/page-query';
import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { AccountSearchQuery, AdminAccountDetail, AdminAccountRow, AdminPage, SetAccountRolesRequest } from '@tiaojie/contracts';
import { ROLES, type Role } from '@tiaojie/domain';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AppException } from '../common/app-exception';
import { Meta, type RequestMeta } from '../common/request-meta';
import { AccountAdminService } from './account-admin.service';
import { CurrentAuth, Roles } from './auth.guard';
import { SetAccountDisabledDto } from './dto/profile.dto';
import type { AuthContext } from './tokens.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'No such user') });

export class AccountSearchQueryDto extends PageQuery implements AccountSearchQuery {
  @ApiPropertyOptional({ description: 'Part of a name or a mobile number' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
}

export class SetAccountRolesDto implements SetAccountRolesRequest {
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}

/** Issue #13: the console's accounts (system admin only). */
@ApiTags('admin')
@Controller('admin/accounts')
@Roles('admin')
export class AdminAccountsController {
  constructor(private readonly accounts: AccountAdminService) {}

  @Get()
  search(@Query() query: AccountSearchQueryDto): Promise<AdminPage<AdminAccountRow>> {
    return this.accounts.search(query.q ?? '', query.page ?? 1, query.pageSize ?? 20);
  }

  @Get(':id')
  detail(@Param('id', uuid) id: string): Promise<AdminAccountDetail> {
    return this.accounts.detail(id);
  }

  @Put(':id/disabled')
  setDisabled(@CurrentAuth() auth: AuthContext, @Param('id', uuid) id: string, @Body() dto: SetAccountDisabledDto, @Meta() meta: RequestMeta): Promise<AdminAccountDetail> {
    return this.accounts.setDisabled(auth.userId, id, dto.disabled, dto.reason, meta);
  }

  @Put(':id/roles')
  setRoles(@CurrentAuth() auth: AuthContext, @Param('id', uuid) id: string, @Body() dto: SetAccountRolesDto, @Meta() meta: RequestMeta): Promise<AdminAccountDetail> {
    return this.accounts.setRoles(auth.userId, id, dto.roles, meta);
  }
}
