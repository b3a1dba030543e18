import { Body, Controller, Get, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AdminUserSummary } from '@tiaojie/contracts';
import { AppException } from '../common/app-exception';
import { Meta, type RequestMeta } from '../common/request-meta';
import { AccountsService } from './accounts.service';
import { CurrentAuth, Roles } from './auth.guard';
import { SetAccountDisabledDto } from './dto/profile.dto';
import type { AuthContext } from './tokens.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'No such user') });

@ApiTags('admin')
@Controller('admin/users')
@Roles('admin')
export class AdminUsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  list(): Promise<AdminUserSummary[]> {
    return this.accounts.listUsers();
  }

  @Patch(':id')
  setDisabled(@CurrentAuth() auth: AuthContext, @Param('id', uuid) id: string, @Body() dto: SetAccountDisabledDto, @Meta() meta: RequestMeta): Promise<AdminUserSummary> {
    return this.accounts.setDisabled(auth.userId, id, dto.disabled, dto.reason, meta);
  }
}
