import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { AliyunSmsSender } from './aliyun-sms.sender';
import { TencentSmsSender } from './tencent-sms.sender';
import { DevSmsMessage } from './dev-sms-message.entity';
import { DevSmsSender } from './dev-sms.sender';
import { SmsSender } from './sms-sender';

/** The SMS provider chosen by SMS_PROVIDER, behind the one SmsSender interface. */
/** A provider's key, which the environment check (config/env.ts) already asks for with that provider. */
function need(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is needed for this SMS provider`);
  return value;
}

@Module({
  imports: [TypeOrmModule.forFeature([DevSmsMessage])],
  providers: [
    DevSmsSender,
    {
      provide: SmsSender,
      inject: [AppConfig, DevSmsSender],
      useFactory: (config: AppConfig, dev: DevSmsSender): SmsSender => {
        const env = config.env;
        const codes = JSON.parse(env.SMS_TEMPLATE_CODES) as Record<string, string>;
        const { default: fallback, ...templates } = codes;
        if (env.SMS_PROVIDER === 'aliyun') {
          return new AliyunSmsSender({
            accessKeyId: need(env.SMS_ACCESS_KEY_ID, 'SMS_ACCESS_KEY_ID'),
            accessKeySecret: need(env.SMS_ACCESS_KEY_SECRET, 'SMS_ACCESS_KEY_SECRET'),
            signName: env.SMS_SIGNATURE,
            ...(env.SMS_ENDPOINT ? { endpoint: env.SMS_ENDPOINT } : {}),
            templateCodes: templates,
            defaultTemplateCode: fallback,
          });
        }
        if (env.SMS_PROVIDER === 'tencent') {
          return new TencentSmsSender({
            secretId: need(env.SMS_ACCESS_KEY_ID, 'SMS_ACCESS_KEY_ID'),
            secretKey: need(env.SMS_ACCESS_KEY_SECRET, 'SMS_ACCESS_KEY_SECRET'),
            sdkAppId: env.SMS_SDK_APP_ID ?? '',
            signName: env.SMS_SIGNATURE,
            ...(env.SMS_ENDPOINT ? { endpoint: env.SMS_ENDPOINT } : {}),
            templateIds: templates,
            defaultTemplateId: fallback,
          });
        }
        return dev;
      },
    },
  ],
  exports: [SmsSender],
})
export class SmsModule {}
