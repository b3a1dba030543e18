import { Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditableContactsView } from '@tiaojie/contracts';

/** R31/R30: one party's service address and domicile, for the party, its agent or the case's mediator. */
export function ContactsForm({ party, saving, error, onSave }: { party: EditableContactsView; saving: boolean; error?: string; onSave: (address: string, domicileRegion: string) => void }) {
  const { t } = useTranslation('confirmation');
  const [address, setAddress] = useState(party.address ?? '');
  const [domicile, setDomicile] = useState(party.domicileRegion ?? '');
  return (
    <div className="confirmation-contacts-party" id={`confirmation-contacts-${party.partyId}`} data-testid={`confirmation-contacts-${party.partyId}`}>
      <label>
        {t('contacts.address', { name: party.partyName })}
        <Input value={address} maxLength={200} onChange={(e) => setAddress(e.target.value)} status={!party.address || error ? 'error' : undefined} data-testid="confirmation-contacts-address" />
      </label>
      <label>
        {t('contacts.domicile')}
        <Input value={domicile} inputMode="numeric" maxLength={6} onChange={(e) => setDomicile(e.target.value.replace(/\D/g, ''))} data-testid="confirmation-contacts-domicile" />
      </label>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      <Button disabled={!address.trim() || (domicile.length > 0 && domicile.length !== 6)} loading={saving} onClick={() => onSave(address.trim(), domicile)} data-testid="confirmation-contacts-save">
        {t('contacts.save')}
      </Button>
    </div>
  );
}
