import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ConsultationConfig } from '@tiaojie/contracts';
import { DISPUTE_TYPES, LPR_MULTIPLE } from '@tiaojie/domain';
import { Public } from '../accounts/auth.guard';
import { AppConfig } from '../config/app-config';

/** Public settings the self-help questionnaire needs (the evaluation itself runs from libs/domain). */
@ApiTags('consultation')
@Controller('consultation')
@Public()
export class ConsultationController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  settings(): ConsultationConfig {
    return { disputeTypes: [...DISPUTE_TYPES], lprPercent: this.config.env.LPR_ONE_YEAR_PERCENT, lprMultiple: LPR_MULTIPLE };
  }
}
