import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FollowUpView, MediatorRatingsSummary, PublicMediatorProfile, RatingPromptView } from '@tiaojie/contracts';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../accounts/auth.guard';
import { CurrentViewer, type Viewer } from '../cases/viewer.decorator';
import { AppException } from '../common/app-exception';
import { Meta, type RequestMeta } from '../common/request-meta';
import { FollowUpResultDto, ScheduleFollowUpDto } from './follow-ups.dto';
import { FollowUpsService } from './follow-ups.service';
import { publicProfile } from './public-profile';
import { RateCaseDto } from './ratings.dto';
import { RatingsService } from './ratings.service';
import { MediatorPhoto } from './roster.entities';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new AppException('NOT_FOUND', 'Not found') });

/** Issue #13: the public mediator profile (R05), the parties' ratings, the staff's follow-ups (回访). */
@ApiTags('ratings')
@Controller()
export class RatingsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ratings: RatingsService,
    private readonly followUps: FollowUpsService,
  ) {}

  @Get('mediators/:id/profile')
  @Public()
  @ApiOperation({ summary: 'R05: what parties may see of a mediator (satisfaction only from 3 ratings; nothing private)' })
  profile(@Param('id', uuid) id: string): Promise<PublicMediatorProfile> {
    return publicProfile(this.db.manager, id);
  }

  @Get('mediators/:id/photo')
  @Public()
  async photo(@Param('id', uuid) id: string, @Res() res: Response): Promise<void> {
    // R05: the photo is public exactly when the profile is (a public, active mediator); else 404.
    await publicProfile(this.db.manager, id);
    const p = await this.db.getRepository(MediatorPhoto).findOne({ where: { userId: id } });
    if (!p) throw new AppException('NOT_FOUND', 'Not found');
    res.setHeader('Content-Type', p.mime);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(p.bytes);
  }

  @Get('cases/:id/rating')
  @ApiOperation({ summary: 'Issue #13: may the viewer (a party) rate this ended case, and its own rating' })
  prompt(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<RatingPromptView> {
    return this.ratings.prompt(id, viewer);
  }

  @Post('cases/:id/rating')
  @ApiOperation({ summary: 'Issue #13: a party rates its ended case, once (409 before the end or a second time)' })
  rate(@Param('id', uuid) id: string, @Body() dto: RateCaseDto, @CurrentViewer() viewer: Viewer, @Meta() meta: RequestMeta): Promise<RatingPromptView> {
    return this.ratings.rate(id, dto, viewer, meta);
  }

  @Get('me/ratings')
  @ApiOperation({ summary: 'Issue #13: a mediator’s own ratings, in aggregate (comments from 3 ratings, shuffled, unlinked)' })
  mine(@CurrentViewer() viewer: Viewer): Promise<MediatorRatingsSummary> {
    return this.ratings.mediatorSummary(viewer);
  }

  @Get('cases/:id/follow-ups')
  @ApiOperation({ summary: '回访: the follow-ups of a case (staff only; never the parties)' })
  followUpList(@Param('id', uuid) id: string, @CurrentViewer() viewer: Viewer): Promise<FollowUpView[]> {
    return this.followUps.list(id, viewer);
  }

  @Post('cases/:id/follow-ups')
  @ApiOperation({ summary: '回访: schedule a follow-up on the performance of the agreement' })
  schedule(@Param('id', uuid) id: string, @Body() dto: ScheduleFollowUpDto, @CurrentViewer() viewer: Viewer, @Meta() meta: RequestMeta): Promise<FollowUpView[]> {
    return this.followUps.schedule(id, dto, viewer, meta);
  }

  @Post('cases/:id/follow-ups/:followUpId/result')
  @ApiOperation({ summary: '回访: record the result (performed, partly, not performed)' })
  record(
    @Param('id', uuid) id: string,
    @Param('followUpId', uuid) followUpId: string,
    @Body() dto: FollowUpResultDto,
    @CurrentViewer() viewer: Viewer,
    @Meta() meta: RequestMeta,
  ): Promise<FollowUpView[]> {
    return this.followUps.record(id, followUpId, dto, viewer, meta);
  }

  @Get('me/follow-ups')
  @ApiOperation({ summary: '回访: the viewer’s follow-ups due today or earlier (staff queue)' })
  due(@CurrentViewer() viewer: Viewer): Promise<Array<FollowUpView & { caseNumber: string | null }>> {
    return this.followUps.due(viewer);
  }
}
