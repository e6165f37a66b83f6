package settings

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/billing/mail"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
	"github.com/leitstand/leitstand/server/internal/settings"
)

var securities = protoenum.New(map[mail.Security]adminv1.SmtpSecurity{
	mail.StartTLS: adminv1.SmtpSecurity_SMTP_SECURITY_STARTTLS,
	mail.TLS:      adminv1.SmtpSecurity_SMTP_SECURITY_TLS,
	mail.None:     adminv1.SmtpSecurity_SMTP_SECURITY_NONE,
})

// Enums are the conversion tables of this package.
func Enums() []protoenum.Table { return []protoenum.Table{securities} }

func toProto(s settings.Settings, stored *settings.Stored) *adminv1.Settings {
	c := s.Company
	out := &adminv1.Settings{
		Company: &adminv1.CompanySettings{
			Name: c.Name, LegalForm: c.LegalForm,
			Address: &adminv1.Address{
				Line1: c.Address.Line1, Line2: c.Address.Line2, PostalCode: c.Address.PostalCode,
				City: c.Address.City, CountryCode: c.Address.CountryCode,
			},
			RegisterCourt: c.RegisterCourt, RegisterNumber: c.RegisterNumber, ManagingDirectors: c.ManagingDirectors,
			Email: c.Email, Phone: c.Phone, Website: c.Website,
		},
		Tax: &adminv1.TaxSettings{
			VatRateBasisPoints: int32(s.Tax.VATRateBasisPoints), SmallBusinessExemption: s.Tax.SmallBusinessExemption,
			TaxNumber: s.Tax.TaxNumber, VatId: s.Tax.VATID,
		},
		Bank:    &adminv1.BankSettings{AccountHolder: s.Bank.AccountHolder, Iban: s.Bank.IBAN, Bic: s.Bank.BIC, BankName: s.Bank.BankName},
		Invoice: &adminv1.InvoiceSettings{NumberPrefix: s.Invoice.NumberPrefix, PaymentTermsDays: int32(s.Invoice.PaymentTermsDays), TimeZone: s.Invoice.TimeZone},
		// The password is write-only: only whether one is set.
		Smtp: &adminv1.SmtpSettings{
			Host: s.SMTP.Host, Port: int32(s.SMTP.Port), Security: securities.ToProto(s.SMTP.Security),
			Username: s.SMTP.Username, PasswordSet: s.SMTP.PasswordSet,
			FromAddress: s.SMTP.From, FromName: s.SMTP.FromName, ReplyTo: s.SMTP.ReplyTo, BccAddress: s.SMTP.Bcc,
		},
		Dunning: dunningToProto(s.Dunning),
	}
	if c.Logo != "" {
		out.Logo = &adminv1.IssuerLogo{Name: c.Logo, Url: c.LogoURL()}
	}
	if stored != nil {
		out.UpdateTime = timestamppb.New(stored.UpdateTime)
	}
	return out
}

func fromProto(p *adminv1.Settings) settings.Settings {
	c, a, m := p.GetCompany(), p.GetCompany().GetAddress(), p.GetSmtp()
	return settings.Settings{
		Company: settings.Company{
			Name: c.GetName(), LegalForm: c.GetLegalForm(),
			Address:       settings.Address{Line1: a.GetLine1(), Line2: a.GetLine2(), PostalCode: a.GetPostalCode(), City: a.GetCity(), CountryCode: a.GetCountryCode()},
			RegisterCourt: c.GetRegisterCourt(), RegisterNumber: c.GetRegisterNumber(), ManagingDirectors: c.GetManagingDirectors(),
			Email: c.GetEmail(), Phone: c.GetPhone(), Website: c.GetWebsite(),
		},
		Tax: settings.Tax{
			VATRateBasisPoints: int(p.GetTax().GetVatRateBasisPoints()), SmallBusinessExemption: p.GetTax().GetSmallBusinessExemption(),
			TaxNumber: p.GetTax().GetTaxNumber(), VATID: p.GetTax().GetVatId(),
		},
		Bank: settings.Bank{
			AccountHolder: p.GetBank().GetAccountHolder(), IBAN: p.GetBank().GetIban(), BIC: p.GetBank().GetBic(), BankName: p.GetBank().GetBankName(),
		},
		Invoice: settings.Invoice{NumberPrefix: p.GetInvoice().GetNumberPrefix(), PaymentTermsDays: int(p.GetInvoice().GetPaymentTermsDays()), TimeZone: p.GetInvoice().GetTimeZone()},
		SMTP: settings.SMTP{
			Host: m.GetHost(), Port: int(m.GetPort()), Security: securities.FromProto(m.GetSecurity()),
			Username: m.GetUsername(), Password: m.GetPassword(),
			From: m.GetFromAddress(), FromName: m.GetFromName(), ReplyTo: m.GetReplyTo(), Bcc: m.GetBccAddress(),
		},
		Dunning: dunningFromProto(p.GetDunning()),
	}
}

func dunningToProto(d settings.Dunning) *adminv1.DunningSettings {
	l := d.Levels
	return &adminv1.DunningSettings{Enabled: d.Enabled, PayWithinDays: int32(d.PayWithinDays),
		ReminderDays: int32(l[0].Days), ReminderFeeCents: l[0].FeeCents,
		FirstNoticeDays: int32(l[1].Days), FirstNoticeFeeCents: l[1].FeeCents,
		SecondNoticeDays: int32(l[2].Days), SecondNoticeFeeCents: l[2].FeeCents}
}

func dunningFromProto(p *adminv1.DunningSettings) settings.Dunning {
	return settings.Dunning{Enabled: p.GetEnabled(), PayWithinDays: int(p.GetPayWithinDays()), Levels: [3]settings.DunningLevel{
		{Days: int(p.GetReminderDays()), FeeCents: p.GetReminderFeeCents()},
		{Days: int(p.GetFirstNoticeDays()), FeeCents: p.GetFirstNoticeFeeCents()},
		{Days: int(p.GetSecondNoticeDays()), FeeCents: p.GetSecondNoticeFeeCents()},
	}}
}
