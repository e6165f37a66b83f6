package payment

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/paymentaccount"
	"github.com/leitstand/leitstand/server/internal/billing/molliepay"
	"github.com/leitstand/leitstand/server/internal/billing/provider"
	"github.com/leitstand/leitstand/server/internal/billing/stripepay"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Providers lists the providers in the contract's order.
func Providers() []provider.Name { return []provider.Name{provider.Stripe, provider.Mollie} }

// Account is a billing entity's account at a provider, without its keys.
type Account struct {
	Provider         provider.Name
	Configured       bool
	KeyHint          string
	TestMode         bool
	WebhookSecretSet bool
	WebhookPath      string
	UpdateTime       time.Time
	UpdatedByEmail   string
}

// owner is the billing entity whose accounts the caller works on (see
// tenancy.Owner).
func (s *Service) owner(ctx context.Context) (uuid.UUID, error) {
	return tenancy.Owner(ctx, s.client)
}

// WebhookPath is where a provider posts the events of a billing entity's
// account, below the platform's address.
func WebhookPath(p provider.Name, issuer uuid.UUID) string {
	return "/webhooks/" + strings.ToLower(string(p)) + "/" + ids.Format(ids.BillingEntity, issuer)
}

// Accounts lists the caller's billing entity's accounts at both providers.
func (s *Service) Accounts(ctx context.Context) ([]Account, error) {
	be, err := s.owner(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.client.PaymentAccount.Query().Where(paymentaccount.IssuerID(be)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read payment accounts: %w", err)
	}
	out := make([]Account, 0, 2)
	for _, p := range Providers() {
		a := Account{Provider: p, WebhookPath: WebhookPath(p, be)}
		for _, r := range rows {
			if string(r.Provider) == string(p) {
				a.Configured, a.KeyHint, a.TestMode = true, r.KeyHint, r.TestMode
				a.WebhookSecretSet, a.UpdateTime, a.UpdatedByEmail = len(r.WebhookSecretSealed) > 0, r.UpdateTime, r.UpdatedByEmail
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// keyAD binds a sealed key to its billing entity, provider and purpose:
// copied to another row, it does not open.
func keyAD(be uuid.UUID, p provider.Name, what string) []byte {
	return append([]byte("payment-account:"+string(p)+":"+what+":"), be[:]...)
}

// SetAccount stores the caller's billing entity's keys at a provider,
// sealed. The keys are not in the audit trail, only their hint.
func (s *Service) SetAccount(ctx context.Context, p provider.Name, apiKey, webhookSecret string) (*Account, error) {
	apiKey, webhookSecret = strings.TrimSpace(apiKey), strings.TrimSpace(webhookSecret)
	test, err := checkKey(p, apiKey, webhookSecret)
	if err != nil {
		return nil, err
	}
	be, err := s.owner(ctx)
	if err != nil {
		return nil, err
	}
	hint := apiKey[len(apiKey)-4:]
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		now := s.clock.Now()
		sealedKey := s.box.Seal([]byte(apiKey), keyAD(be, p, "api-key"))
		var sealedSecret []byte
		if webhookSecret != "" {
			sealedSecret = s.box.Seal([]byte(webhookSecret), keyAD(be, p, "webhook-secret"))
		}
		existing, err := tx.PaymentAccount.Query().Where(paymentaccount.IssuerID(be), paymentaccount.ProviderEQ(paymentaccount.Provider(p))).Only(ctx)
		var id uuid.UUID
		switch {
		case ent.IsNotFound(err):
			id = uuid.Must(uuid.NewV7())
			err = tx.PaymentAccount.Create().SetID(id).SetIssuerID(be).SetProvider(paymentaccount.Provider(p)).
				SetAPIKeySealed(sealedKey).SetWebhookSecretSealed(sealedSecret).SetKeyHint(hint).SetTestMode(test).
				SetUpdatedByEmail(authz.ActorOf(ctx).Email).SetCreateTime(now).SetUpdateTime(now).Exec(ctx)
		case err == nil:
			id = existing.ID
			err = tx.PaymentAccount.UpdateOneID(id).SetAPIKeySealed(sealedKey).SetWebhookSecretSealed(sealedSecret).
				SetKeyHint(hint).SetTestMode(test).SetUpdatedByEmail(authz.ActorOf(ctx).Email).SetUpdateTime(now).Exec(ctx)
		}
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "payment_account", TargetID: ids.Format(ids.PaymentAccount, id),
			After: map[string]any{"provider": string(p), "key_hint": hint, "test_mode": test, "webhook_secret_set": webhookSecret != ""}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	list, err := s.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range list {
		if a.Provider == p {
			return &a, nil
		}
	}
	return nil, fmt.Errorf("payment account %s not found after saving", p)
}

// checkKey refuses keys of the wrong shape, naming the field, and says
// whether the key is a test key.
func checkKey(p provider.Name, apiKey, webhookSecret string) (bool, error) {
	switch p {
	case provider.Stripe:
		if !strings.HasPrefix(apiKey, "sk_") && !strings.HasPrefix(apiKey, "rk_") {
			return false, apierr.Invalid("api_key", "api_key.stripe", "a Stripe secret key starts with sk_ (or rk_ for a restricted key)")
		}
		if !strings.HasPrefix(webhookSecret, "whsec_") {
			return false, apierr.Invalid("webhook_secret", "webhook_secret.stripe",
				"Stripe signs its webhooks with the endpoint's secret, which starts with whsec_")
		}
		return strings.Contains(apiKey, "_test_"), nil
	case provider.Mollie:
		if !strings.HasPrefix(apiKey, "live_") && !strings.HasPrefix(apiKey, "test_") {
			return false, apierr.Invalid("api_key", "api_key.mollie", "a Mollie API key starts with live_ or test_")
		}
		return strings.HasPrefix(apiKey, "test_"), nil
	}
	return false, apierr.Invalid("provider", "provider.known", "Stripe or Mollie")
}

// TestAccount calls the provider with the stored key, changing nothing.
func (s *Service) TestAccount(ctx context.Context, p provider.Name) error {
	be, err := s.owner(ctx)
	if err != nil {
		return err
	}
	gw, _, err := s.gateway(ctx, be, p)
	if err != nil {
		return err
	}
	return gw.Test(ctx)
}

// gateway is the provider's API with the billing entity's stored keys.
func (s *Service) gateway(ctx context.Context, be uuid.UUID, p provider.Name) (provider.Gateway, provider.Credentials, error) {
	r, err := s.client.PaymentAccount.Query().Where(paymentaccount.IssuerID(be), paymentaccount.ProviderEQ(paymentaccount.Provider(p))).
		Only(tenancy.Unscoped(ctx))
	if ent.IsNotFound(err) {
		return nil, provider.Credentials{}, apierr.FailedPrecondition("no %s account is set up for the billing entity: add its keys in the settings",
			methodName(Method(p)))
	}
	if err != nil {
		return nil, provider.Credentials{}, fmt.Errorf("read payment account: %w", err)
	}
	key, err := s.box.Open(r.APIKeySealed, keyAD(be, p, "api-key"))
	if err != nil {
		return nil, provider.Credentials{}, fmt.Errorf("open the %s key: %w", p, err)
	}
	creds := provider.Credentials{APIKey: string(key), BaseURL: s.providerURLs[p]}
	if len(r.WebhookSecretSealed) > 0 {
		secret, err := s.box.Open(r.WebhookSecretSealed, keyAD(be, p, "webhook-secret"))
		if err != nil {
			return nil, provider.Credentials{}, fmt.Errorf("open the %s webhook secret: %w", p, err)
		}
		creds.WebhookSecret = string(secret)
	}
	switch p {
	case provider.Stripe:
		return stripepay.New(creds, s.httpClient), creds, nil
	default:
		gw, err := molliepay.New(creds, s.httpClient)
		return gw, creds, err
	}
}

// SetPublicURL is the platform's address as customers and providers reach
// it: Mollie posts its webhooks there, and customers return there after
// paying.
func (s *Service) SetPublicURL(u string) { s.publicURL = strings.TrimRight(u, "/") }

// PointProviders sends the providers' API calls to other addresses than
// their own (a proxy, or a test's loopback server) and through client
// (nil: the adapters' default).
func (s *Service) PointProviders(urls map[provider.Name]string, client *http.Client) {
	s.providerURLs, s.httpClient = urls, client
}
