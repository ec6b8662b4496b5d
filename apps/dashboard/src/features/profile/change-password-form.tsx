import { type FormEvent, useState } from 'react';
import { formErrors } from '../../api/api-error';
import { useChangePassword } from '../../api/me';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';

export function ChangePasswordForm({ email }: { email: string }) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const changePassword = useChangePassword();
  const errors = formErrors(changePassword.error, ['currentPassword', 'newPassword']);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    changePassword.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword('');
          setNewPassword('');
        },
      },
    );
  };

  const edited = (setter: (value: string) => void) => (value: string) => {
    setter(value);
    if (changePassword.isSuccess) {
      changePassword.reset();
    }
  };

  return (
    <form className="max-w-lg space-y-4" onSubmit={onSubmit}>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label="Current password"
        type="password"
        name="current-password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={(event) => edited(setCurrentPassword)(event.target.value)}
        error={errors.fields.currentPassword}
      />
      <TextField
        label="New password"
        type="password"
        name="new-password"
        autoComplete="new-password"
        required
        value={newPassword}
        onChange={(event) => edited(setNewPassword)(event.target.value)}
        error={errors.fields.newPassword}
        hint="At least 8 characters."
      />
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      {changePassword.isSuccess ? <Alert tone="success">Your password has been changed.</Alert> : null}
      <Button type="submit" isPending={changePassword.isPending}>
        Change password
      </Button>
    </form>
  );
}
