import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Court } from './court.entity';
import { Membership } from './membership.entity';
import { Organisation } from './organisation.entity';
import { OrganisationsController } from './organisations.controller';
import { ConsultationController } from './consultation.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, Court, Membership])],
  controllers: [OrganisationsController, ConsultationController],
  exports: [TypeOrmModule],
})
export class OrganisationsModule {}
