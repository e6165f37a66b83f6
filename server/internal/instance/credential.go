package instance

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/servicecredential"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// The limits of a credential.
const (
	MaxCredentialNameLen  = 100
	MaxCredentialValueLen = 4096
)

// Credential is a named secret of an instance, without its value: the
// value leaves the domain only through Reveal.
type Credential struct {
	ServiceID      uuid.UUID
	Name           string
	CreateTime     time.Time
	UpdateTime     time.Time
	UpdatedByEmail string
}

func credentialOf(r *ent.ServiceCredential) Credential {
	return Credential{ServiceID: r.ServiceInstanceID, Name: r.Name, CreateTime: r.CreateTime, UpdateTime: r.UpdateTime,
		UpdatedByEmail: r.UpdatedByEmail}
}

// credentialAD binds a sealed value to its row: the credential's id and
// its instance's id. A ciphertext copied to another row does not open.
func credentialAD(id, service uuid.UUID) []byte {
	return append(append([]byte("service-credential:"), id[:]...), service[:]...)
}

// credentialName trims a name and refuses an empty, too long or
// unprintable one at field.
func credentialName(field, name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", apierr.Invalid(field, "name.required", "name the credential")
	case utf8.RuneCountInString(name) > MaxCredentialNameLen:
		return "", apierr.Invalid(field, "name.max_len", "at most 100 characters")
	case strings.ContainsFunc(name, unicode.IsControl):
		return "", apierr.Invalid(field, "name.printable", "no line breaks or control characters")
	}
	return name, nil
}

// credentialAudit is what the audit trail keeps of a credential: its name,
// never its value.
func credentialAudit(name string) map[string]any {
	return map[string]any{"credential": map[string]any{"name": name}}
}

// Credentials lists an instance's credentials by name.
func (s *Service) Credentials(ctx context.Context, id uuid.UUID) ([]Credential, error) {
	if _, err := load(ctx, s.client, id); err != nil {
		return nil, err
	}
	rows, err := s.client.ServiceCredential.Query().Where(servicecredential.ServiceInstanceID(id)).
		Order(ent.Asc(servicecredential.FieldName)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list credentials: %w", err)
	}
	out := make([]Credential, len(rows))
	for i, r := range rows {
		out[i] = credentialOf(r)
	}
	return out, nil
}

// SetCredential stores value under name, replacing the value of a
// credential of that name. Audited by name.
func (s *Service) SetCredential(ctx context.Context, id uuid.UUID, name, value string) (*Credential, error) {
	name, err := credentialName("name", name)
	if err != nil {
		return nil, err
	}
	switch {
	case value == "":
		return nil, apierr.Invalid("value", "value.required", "enter the secret")
	case utf8.RuneCountInString(value) > MaxCredentialValueLen:
		return nil, apierr.Invalid("value", "value.max_len", "at most 4096 characters")
	}
	var out Credential
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		if err := refuseDecommissioned(instanceOf(r)); err != nil {
			return err
		}
		by, email := actor(ctx)
		now := s.clock.Now()
		old, err := tx.ServiceCredential.Query().
			Where(servicecredential.ServiceInstanceID(id), servicecredential.Name(name)).Only(ctx)
		var row *ent.ServiceCredential
		var before any
		switch {
		case ent.IsNotFound(err):
			cid := uuid.Must(uuid.NewV7())
			row, err = tx.ServiceCredential.Create().SetID(cid).SetOrganizationID(r.OrganizationID).
				SetServiceInstanceID(id).SetName(name).SetSealedValue(s.box.Seal([]byte(value), credentialAD(cid, id))).
				SetNillableUpdatedByID(by).SetUpdatedByEmail(email).SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		case err != nil:
			return fmt.Errorf("get credential: %w", err)
		default:
			before = credentialAudit(name)
			upd := old.Update().SetSealedValue(s.box.Seal([]byte(value), credentialAD(old.ID, id))).
				SetUpdatedByEmail(email).SetUpdateTime(now)
			if by == nil {
				upd.ClearUpdatedByID()
			} else {
				upd.SetUpdatedByID(*by)
			}
			row, err = upd.Save(ctx)
		}
		if err != nil {
			return fmt.Errorf("set credential: %w", err)
		}
		out = credentialOf(row)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, id),
			Before: before, After: credentialAudit(name)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteCredential removes a credential. Audited by name.
func (s *Service) DeleteCredential(ctx context.Context, id uuid.UUID, name string) error {
	name, err := credentialName("name", name)
	if err != nil {
		return err
	}
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if _, err := load(ctx, tx.Client(), id); err != nil {
			return err
		}
		n, err := tx.ServiceCredential.Delete().
			Where(servicecredential.ServiceInstanceID(id), servicecredential.Name(name)).Exec(ctx)
		if err != nil {
			return fmt.Errorf("delete credential: %w", err)
		}
		if n == 0 {
			return apierr.NotFound("credential", name)
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, id),
			Before: credentialAudit(name)})
		return nil
	})
}

// errSealBroken is the cause logged when a stored value does not open: it
// was sealed for another row or with another key.
var errSealBroken = errors.New("the stored credential does not open for its row")

// RevealCredential returns a credential's value. The reason is required;
// the reveal is audited with it (by name, never the value) and written to
// the instance's internal logbook.
func (s *Service) RevealCredential(ctx context.Context, id uuid.UUID, name, reason string) (string, error) {
	name, err := credentialName("name", name)
	if err != nil {
		return "", err
	}
	reason, err = reasonOf(reason, true, "say why the credential is revealed")
	if err != nil {
		return "", err
	}
	var value string
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		c, err := tx.ServiceCredential.Query().
			Where(servicecredential.ServiceInstanceID(id), servicecredential.Name(name)).Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("credential", name)
		}
		if err != nil {
			return fmt.Errorf("get credential: %w", err)
		}
		plain, err := s.box.Open(c.SealedValue, credentialAD(c.ID, c.ServiceInstanceID))
		if err != nil {
			return fmt.Errorf("reveal credential %s of %s: %w: %w", c.ID, ids.Format(ids.Service, id), errSealBroken, err)
		}
		_, email := actor(ctx)
		if err := writeLogbook(ctx, tx, instanceOf(r), Internal, CredentialRevealedText(name, email, reason), s.clock.Now()); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, id), Reason: reason,
			After: map[string]any{"credential_revealed": map[string]any{"name": name}}})
		value = string(plain)
		return nil
	})
	if err != nil {
		return "", err
	}
	return value, nil
}
