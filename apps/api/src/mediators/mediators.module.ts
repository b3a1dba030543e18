import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { FollowUpsService } from './follow-ups.service';
import { MediatorsController } from './mediators.controller';
import { RatingsController } from './ratings.controller';
import { RatingsService } from './ratings.service';
import { RosterController } from './roster.controller';
import { RosterService } from './roster.service';

/** Issue #13: the roster (R05, R39), satisfaction ratings and follow-ups (回访). */
@Module({
  imports: [CasesModule],
  controllers: [MediatorsController, RosterController, RatingsController],
  providers: [RosterService, RatingsService, FollowUpsService],
})
export class MediatorsModule {}
