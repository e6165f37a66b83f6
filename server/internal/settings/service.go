package settings

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entsettings "github.com/leitstand/leitstand/server/ent/settings"
	"github.com/leitstand/leitstand/server/internal/billing/mail"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/secrets"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Service reads and changes settings.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
	// box seals the SMTP password.
	box *secrets.Box
	// files keeps the logos.
	files *blob.Store
	// allowPrivate lets resellers' mail servers be on private networks.
	allowPrivate bool
}

// NewService returns the settings domain, keeping logos in files.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, box *secrets.Box, files *blob.Store) *Service {
	return &Service{client: client, audit: aw, clock: clk, box: box, files: files}
}

// owner is the billing entity whose settings the caller works on (see
// tenancy.Owner).
func (s *Service) owner(ctx context.Context, c *ent.Client) (uuid.UUID, error) {
	return tenancy.Owner(ctx, c)
}

// Stored says when settings were last saved.
type Stored struct {
	CreateTime, UpdateTime time.Time
}

func storedOf(r *ent.Settings) *Stored {
	return &Stored{CreateTime: r.CreateTime, UpdateTime: r.UpdateTime}
}

// Get returns the caller's settings and when they were saved; Defaults and
// nil when none were saved.
func (s *Service) Get(ctx context.Context) (Settings, *Stored, error) {
	be, err := s.owner(ctx, s.client)
	if err != nil {
		return Settings{}, nil, err
	}
	row, err := s.client.Settings.Query().Where(entsettings.BillingEntityID(be)).Only(ctx)
	if ent.IsNotFound(err) {
		return Defaults(), nil, nil
	}
	if err != nil {
		return Settings{}, nil, fmt.Errorf("read settings: %w", err)
	}
	return fromRow(row), storedOf(row), nil
}

// Of returns the settings of billing entity be, the issuer of its
// organizations' invoices: Defaults until it saved any. It reads for the
// platform's own bookkeeping (the billing run), whoever asks.
func (s *Service) Of(ctx context.Context, be uuid.UUID) (Settings, error) {
	row, err := s.client.Settings.Query().Where(entsettings.BillingEntityID(be)).Only(tenancy.Unscoped(ctx))
	if ent.IsNotFound(err) {
		return Defaults(), nil
	}
	if err != nil {
		return Settings{}, fmt.Errorf("read settings: %w", err)
	}
	return fromRow(row), nil
}

// Location is the invoice calendar's time zone of billing entity be: the
// default one until it saved settings. It reads for the platform's own
// bookkeeping (an organization's billing day), whoever asks.
func (s *Service) Location(ctx context.Context, be uuid.UUID) (*time.Location, error) {
	row, err := s.client.Settings.Query().Where(entsettings.BillingEntityID(be)).Only(tenancy.Unscoped(ctx))
	if ent.IsNotFound(err) {
		return Defaults().Invoice.Location(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	return fromRow(row).Invoice.Location(), nil
}

// Update copies the fields named in paths from v, validates them and saves
// the settings with an audit event, in one transaction.
func (s *Service) Update(ctx context.Context, v Settings, paths []string, reason string) (Settings, *Stored, error) {
	named := paths
	paths, err := mask.Expand(paths)
	if err != nil {
		return Settings{}, nil, err
	}
	// The bank account is where customers' money goes: changing it needs a
	// freshly confirmed second factor.
	for _, p := range paths {
		if p == "bank" || strings.HasPrefix(p, "bank.") {
			if err := authz.RequireFreshSecondFactor(ctx); err != nil {
				return Settings{}, nil, err
			}
			break
		}
	}
	var out Settings
	var row *ent.Settings
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		be, err := s.owner(ctx, tx.Client())
		if err != nil {
			return err
		}
		existing, before, err := current(ctx, tx, be)
		if err != nil {
			return err
		}
		after := before
		after.Company.ManagingDirectors = append([]string(nil), before.Company.ManagingDirectors...)
		mask.Apply(&after, v, paths)
		// An empty password keeps the stored one, unless the mask names
		// the password itself: then it is removed.
		removePassword := slices.Contains(named, "smtp.password") && v.SMTP.Password == "" && before.SMTP.PasswordSet
		if removePassword {
			after.SMTP.PasswordSet, after.SMTP.PasswordChanged = false, true
		}
		if err := mask.Check(after, paths, "settings"); err != nil {
			return err
		}
		if row, err = s.save(ctx, tx, be, existing, after, removePassword); err != nil {
			return err
		}
		// The audit event holds whether a password is set and that it
		// changed, never the password (SMTP.Password is not marshalled).
		after.SMTP.Password = ""
		out = after
		out.SMTP.PasswordChanged = false
		log.Record(audit.Event{
			TargetType: "settings", TargetID: ids.Format(ids.BillingEntity, be), Reason: reason,
			Before: before, After: after,
		})
		return nil
	})
	if err != nil {
		return Settings{}, nil, err
	}
	return out, storedOf(row), nil
}

// current reads the settings row of billing entity be in tx: nil and
// Defaults while none was saved.
func current(ctx context.Context, tx *ent.Tx, be uuid.UUID) (*ent.Settings, Settings, error) {
	row, err := tx.Settings.Query().Where(entsettings.BillingEntityID(be)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return nil, Defaults(), nil
	case err != nil:
		return nil, Settings{}, fmt.Errorf("read settings: %w", err)
	}
	return row, fromRow(row), nil
}

// save writes v as the settings of billing entity be in tx: into existing,
// or into a new row while there is none. A password in v is sealed; with
// removePassword the stored one is removed; otherwise it is kept.
func (s *Service) save(ctx context.Context, tx *ent.Tx, be uuid.UUID, existing *ent.Settings, v Settings, removePassword bool) (*ent.Settings, error) {
	now := s.clock.Now()
	var row *ent.Settings
	var err error
	if existing == nil {
		id := uuid.Must(uuid.NewV7())
		c := tx.Settings.Create().SetID(id).SetBillingEntityID(be).SetCreateTime(now).SetUpdateTime(now)
		setAll(c.Mutation(), v)
		s.setPassword(c.Mutation(), id, be, v.SMTP.Password, removePassword)
		row, err = c.Save(ctx)
	} else {
		u := tx.Settings.UpdateOne(existing).SetUpdateTime(now)
		setAll(u.Mutation(), v)
		s.setPassword(u.Mutation(), existing.ID, be, v.SMTP.Password, removePassword)
		row, err = u.Save(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("save settings: %w", err)
	}
	return row, nil
}

// passwordAD binds a sealed SMTP password to its settings row and billing
// entity: copied to another row, it does not open.
func passwordAD(id, be uuid.UUID) []byte {
	return append(append([]byte("settings-smtp-password:"), id[:]...), be[:]...)
}

// setPassword seals a new SMTP password into m, or removes the stored one.
func (s *Service) setPassword(m *ent.SettingsMutation, id, be uuid.UUID, plain string, remove bool) {
	switch {
	case plain != "":
		m.SetSMTPPasswordSealed(s.box.Seal([]byte(plain), passwordAD(id, be)))
	case remove:
		m.ClearSMTPPasswordSealed()
	}
}

// setAll writes every column from s into m.
func setAll(m *ent.SettingsMutation, s Settings) {
	c := s.Company
	m.SetCompanyName(c.Name)
	m.SetLegalForm(c.LegalForm)
	m.SetAddressLine1(c.Address.Line1)
	m.SetAddressLine2(c.Address.Line2)
	m.SetPostalCode(c.Address.PostalCode)
	m.SetCity(c.Address.City)
	m.SetCountryCode(c.Address.CountryCode)
	m.SetRegisterCourt(c.RegisterCourt)
	m.SetRegisterNumber(c.RegisterNumber)
	m.SetManagingDirectors(c.ManagingDirectors)
	m.SetEmail(c.Email)
	m.SetPhone(c.Phone)
	m.SetWebsite(c.Website)
	m.SetLogoName(c.Logo)
	m.SetVatRateBasisPoints(s.Tax.VATRateBasisPoints)
	m.SetSmallBusinessExemption(s.Tax.SmallBusinessExemption)
	m.SetTaxNumber(s.Tax.TaxNumber)
	m.SetVatID(s.Tax.VATID)
	m.SetAccountHolder(s.Bank.AccountHolder)
	m.SetIban(s.Bank.IBAN)
	m.SetBic(s.Bank.BIC)
	m.SetBankName(s.Bank.BankName)
	m.SetInvoiceNumberPrefix(s.Invoice.NumberPrefix)
	m.SetPaymentTermsDays(s.Invoice.PaymentTermsDays)
	m.SetTimeZone(s.Invoice.TimeZone)
	m.SetSMTPHost(s.SMTP.Host)
	m.SetSMTPPort(s.SMTP.Port)
	m.SetSMTPSecurity(s.SMTP.Security.String())
	m.SetSMTPUsername(s.SMTP.Username)
	m.SetSMTPFromAddress(s.SMTP.From)
	m.SetSMTPFromName(s.SMTP.FromName)
	m.SetSMTPReplyTo(s.SMTP.ReplyTo)
	m.SetSMTPBccAddress(s.SMTP.Bcc)
	m.SetDunningEnabled(s.Dunning.Enabled)
	m.SetDunningReminderDays(s.Dunning.Levels[0].Days)
	m.SetDunningReminderFeeCents(s.Dunning.Levels[0].FeeCents)
	m.SetDunningFirstNoticeDays(s.Dunning.Levels[1].Days)
	m.SetDunningFirstNoticeFeeCents(s.Dunning.Levels[1].FeeCents)
	m.SetDunningSecondNoticeDays(s.Dunning.Levels[2].Days)
	m.SetDunningSecondNoticeFeeCents(s.Dunning.Levels[2].FeeCents)
	m.SetDunningPayWithinDays(s.Dunning.PayWithinDays)
}

// securities are the stored names of the SMTP securities.
var securities = map[string]mail.Security{"STARTTLS": mail.StartTLS, "TLS": mail.TLS, "NONE": mail.None}

func fromRow(r *ent.Settings) Settings {
	return Settings{
		Company: Company{
			Name: r.CompanyName, LegalForm: r.LegalForm,
			Address:       Address{Line1: r.AddressLine1, Line2: r.AddressLine2, PostalCode: r.PostalCode, City: r.City, CountryCode: r.CountryCode},
			RegisterCourt: r.RegisterCourt, RegisterNumber: r.RegisterNumber, ManagingDirectors: r.ManagingDirectors,
			Email: r.Email, Phone: r.Phone, Website: r.Website, Logo: r.LogoName,
		},
		Tax:     Tax{VATRateBasisPoints: r.VatRateBasisPoints, SmallBusinessExemption: r.SmallBusinessExemption, TaxNumber: r.TaxNumber, VATID: r.VatID},
		Bank:    Bank{AccountHolder: r.AccountHolder, IBAN: r.Iban, BIC: r.Bic, BankName: r.BankName},
		Invoice: Invoice{NumberPrefix: r.InvoiceNumberPrefix, PaymentTermsDays: r.PaymentTermsDays, TimeZone: r.TimeZone},
		SMTP: SMTP{
			Host: r.SMTPHost, Port: r.SMTPPort, Security: securities[r.SMTPSecurity], Username: r.SMTPUsername,
			PasswordSet: sealedPassword(r) != nil,
			From:        r.SMTPFromAddress, FromName: r.SMTPFromName, ReplyTo: r.SMTPReplyTo, Bcc: r.SMTPBccAddress,
		},
		Dunning: Dunning{Enabled: r.DunningEnabled, PayWithinDays: r.DunningPayWithinDays, Levels: [3]DunningLevel{
			{Days: r.DunningReminderDays, FeeCents: r.DunningReminderFeeCents},
			{Days: r.DunningFirstNoticeDays, FeeCents: r.DunningFirstNoticeFeeCents},
			{Days: r.DunningSecondNoticeDays, FeeCents: r.DunningSecondNoticeFeeCents},
		}},
	}
}
