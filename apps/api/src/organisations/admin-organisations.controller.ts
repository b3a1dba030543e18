import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AdminBureau, AdminCourt, AdminOrganisation } from '@tiaojie/contracts';
import { CurrentAuth, Roles } from '../accounts/auth.guard';
import type { AuthContext } from '../accounts/tokens.service';
import { AppException } from '../common/app-exception';
import { Meta, type RequestMeta } from '../common/request-meta';
import { SaveCourtDto, SaveOrganisationDto } from './organisation-admin.dto';
import { OrganisationAdminService } from './organisation-admin.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });

/** Issue #13: the system admin console's organisations and courts (admin role, checked here). */
@ApiTags('admin')
@Controller('admin')
@Roles('admin')
export class AdminOrganisationsController {
  constructor(private readonly organisations: OrganisationAdminService) {}

  @Get('organisations')
  list(): Promise<AdminOrganisation[]> {
    return this.organisations.list();
  }

  @Get('organisations/:id')
  get(@Param('id', uuid) id: string): Promise<AdminOrganisation> {
    return this.organisations.get(id);
  }

  @Post('organisations')
  create(@CurrentAuth() auth: AuthContext, @Body() dto: SaveOrganisationDto, @Meta() meta: RequestMeta): Promise<AdminOrganisation> {
    return this.organisations.save(null, dto, auth.userId, meta);
  }

  @Put('organisations/:id')
  update(@CurrentAuth() auth: AuthContext, @Param('id', uuid) id: string, @Body() dto: SaveOrganisationDto, @Meta() meta: RequestMeta): Promise<AdminOrganisation> {
    return this.organisations.save(id, dto, auth.userId, meta);
  }

  /** The 司法局s an organisation may be attached to. */
  @Get('bureaus')
  bureaus(): Promise<AdminBureau[]> {
    return this.organisations.listBureaus();
  }

  @Get('courts')
  courts(): Promise<AdminCourt[]> {
    return this.organisations.listCourts();
  }

  @Post('courts')
  createCourt(@CurrentAuth() auth: AuthContext, @Body() dto: SaveCourtDto, @Meta() meta: RequestMeta): Promise<AdminCourt> {
    return this.organisations.saveCourt(null, dto, auth.userId, meta);
  }

  @Put('courts/:id')
  updateCourt(@CurrentAuth() auth: AuthContext, @Param('id', uuid) id: string, @Body() dto: SaveCourtDto, @Meta() meta: RequestMeta): Promise<AdminCourt> {
    return this.organisations.saveCourt(id, dto, auth.userId, meta);
  }
}
