import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OrgRatingView, RosterMediatorView, RosterOrganisation } from '@tiaojie/contracts';
import { CurrentViewer, type Viewer } from '../cases/viewer.decorator';
import { AppException } from '../common/app-exception';
import { Meta, type RequestMeta } from '../common/request-meta';
import { AcceptsFiles } from '../common/transport';
import { RatingsService } from './ratings.service';
import { CredentialDto, InviteMediatorDto, OptionalReasonDto, StatusChangeDto, UpdateRosterProfileDto } from './roster.dto';
import { RosterService } from './roster.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });

/** Issue #13 (R05, R39): the organisation's roster, for its admins (and system admins) only — checked per organisation. */
@ApiTags('roster')
@Controller()
export class RosterController {
  constructor(
    private readonly roster: RosterService,
    private readonly ratings: RatingsService,
  ) {}

  @Get('roster/organisations')
  @ApiOperation({ summary: 'The organisations whose roster the viewer manages' })
  organisations(@CurrentViewer() viewer: Viewer): Promise<RosterOrganisation[]> {
    return this.roster.organisations(viewer);
  }

  @Get('organisations/:orgId/roster')
  @ApiOperation({ summary: 'Issue #13: the roster with each mediator’s status, credentials (expiry) and the cases to reassign' })
  list(@Param('orgId', uuid) orgId: string, @CurrentViewer() viewer: Viewer): Promise<RosterMediatorView[]> {
    return this.roster.list(orgId, viewer);
  }

  @Post('organisations/:orgId/roster')
  @ApiOperation({ summary: 'Issue #13: invite a mediator by mobile (creates the account if none; SMS invitation; a current member: 409)' })
  invite(@Param('orgId', uuid) orgId: string, @Body() dto: InviteMediatorDto, @CurrentViewer() viewer: Viewer, @Meta() meta: RequestMeta): Promise<RosterMediatorView> {
    return this.roster.invite(orgId, dto, viewer, meta);
  }

  @Patch('organisations/:orgId/roster/:userId')
  @ApiOperation({ summary: 'Issue #13: dispute types, regions, expertise, languages, bio (R05)' })
  update(
    @Param('orgId', uuid) orgId: string,
    @Param('userId', uuid) userId: string,
    @Body() dto: UpdateRosterProfileDto,
    @CurrentViewer() viewer: Viewer,
    @Meta() meta: RequestMeta,
  ): Promise<RosterMediatorView> {
    return this.roster.updateProfile(orgId, userId, dto, viewer, meta);
  }

  @Post('organisations/:orgId/roster/:userId/photo')
  @ApiOperation({ summary: 'Issue #13: the profile photo (JPEG, PNG or WebP, sniffed from the bytes; 2 MB)' })
  @ApiConsumes('multipart/form-data')
  @AcceptsFiles()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 2 * 1024 * 1024 + 1, files: 1, fields: 2 } }))
  @HttpCode(200)
  photo(
    @Param('orgId', uuid) orgId: string,
    @Param('userId', uuid) userId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentViewer() viewer: Viewer,
    @Meta() meta: RequestMeta,
  ): Promise<RosterMediatorView> {
    return this.roster.setPhoto(orgId, userId, file, viewer, meta);
  }

  @Post('organisations/:orgId/roster/:userId/credentials')
  @ApiOperation({ summary: 'Issue #13: a certification or training record, with its expiry' })
  addCredential(
    @Param('orgId', uuid) orgId: string,
    @Param('userId', uuid) userId: string,
    @Body() dto: CredentialDto,
    @CurrentViewer() viewer: Viewer,
    @Meta() meta: RequestMeta,
  ): Promise<RosterMediatorView> {
    return this.roster.addCredential(orgId, userId, dto, viewer, meta);
  }

  @Delete('organisations/:orgId/roster/:userId/credentials/:credentialId')
  removeCredential(
    @Param('orgId', uuid) orgId: string,
    @Param('userId', uuid) userId: string,
    @Param('credentialId', uuid) credentialId: string,
    @CurrentViewer() viewer: Viewer,
    @Meta() meta: RequestMeta,
  ): Promise<RosterMediatorView> {
    return this.roster.removeCredential(orgId, userId, credentialId, viewer, meta);
  }

  @Post('organisations/:orgId/roster/:userId/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'R39: suspend (with reason): not offered to parties, not assignable, takes no new case' })
  suspend(
    @Param('orgId', uuid) orgId: string,
    @Param('userId', uuid) userId: string,
    @Body() dto: StatusChangeDto,
    @CurrentViewer() viewer: Viewer,
    @Meta() meta: RequestMeta,
  ): Promise<RosterMediatorView> {
    return this.roster.setStatus(orgId, userId, 'suspended', dto.reason, viewer, meta);
  }

  @Post('organisations/:orgId/roster/:userId/resume')
  @HttpCode(200)
  resume(
    @Param('orgId', uuid) orgId: string,
    @Param('userId', uuid) userId: string,
    @Body() dto: OptionalReasonDto,
    @CurrentViewer() viewer: Viewer,
    @Meta() meta: RequestMeta,
  ): Promise<RosterMediatorView> {
    return this.roster.setStatus(orgId, userId, 'active', dto.reason?.trim() || null, viewer, meta);
  }

  @Post('organisations/:orgId/roster/:userId/leave')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue #13: the mediator leaves (the membership ends, its history stays)' })
  leave(
    @Param('orgId', uuid) orgId: string,
    @Param('userId', uuid) userId: string,
    @Body() dto: OptionalReasonDto,
    @CurrentViewer() viewer: Viewer,
    @Meta() meta: RequestMeta,
  ): Promise<RosterMediatorView> {
    return this.roster.setStatus(orgId, userId, 'left', dto.reason?.trim() || null, viewer, meta);
  }

  @Get('organisations/:orgId/ratings')
  @ApiOperation({ summary: 'Issue #13: the ratings of the organisation’s mediators, with comments (its admins only)' })
  orgRatings(@Param('orgId', uuid) orgId: string, @CurrentViewer() viewer: Viewer): Promise<OrgRatingView[]> {
    return this.ratings.organisationRatings(orgId, viewer);
  }
}
