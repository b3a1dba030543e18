import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ConsultationConfig } from '@tiaojie/contracts';
import { DISPUTE_TYPES, LPR_MULTIPLE } from '@tiaojie/domain';
import { Public } from '../accounts/auth.guard';
import { SettingsService } from '../settings/settings.service';

/** Public settings the self-help questionnaire needs (the evaluation itself runs from libs/domain). */
@ApiTags('consultation')
@Controller('consultation')
@Public()
export class ConsultationController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  async config(): Promise<ConsultationConfig> {
    // Issue #13: the LPR is a platform setting (the environment's value is its default).
    return { disputeTypes: [...DISPUTE_TYPES], lprPercent: await this.settings.read('lpr.oneYearPercent'), lprMultiple: LPR_MULTIPLE };
  }
}
