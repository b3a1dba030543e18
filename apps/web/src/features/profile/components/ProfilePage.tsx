import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/ui/PageHeading';
import { useSession } from '../../../lib/session';
import { BasicInfoCard } from './BasicInfoCard';
import { ChangePasswordCard } from './ChangePasswordCard';
import { RealNameCard } from './RealNameCard';

export default function ProfilePage() {
  const { t } = useTranslation('profile');
  const { user } = useSession();
  if (!user) return null; // RequireAuth renders this page only with a user

  return (
    <div className="page">
      <PageHeading testId="profile-heading">{t('title')}</PageHeading>
      <BasicInfoCard user={user} />
      <RealNameCard user={user} />
      <ChangePasswordCard mobile={user.mobile} />
    </div>
  );
}
