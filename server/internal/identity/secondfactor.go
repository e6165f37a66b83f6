package identity

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"image/png"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/recoverycode"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
)

// The second factor is TOTP (RFC 6238) as authenticator apps do it: SHA-1,
// six digits, 30-second steps; a code of the step before or after is
// accepted for clocks that drift, and each step's code only once.
const (
	totpPeriod = 30
	totpSkew   = 1
	// FreshSecondFactor is how long a confirmed second factor counts for
	// the most sensitive actions.
	FreshSecondFactor = 5 * time.Minute
	recoveryCodeCount = 10
	issuer            = "Leitstand"
)

var errWrongCode = apierr.Invalid("code", "second_factor.code", "the code is wrong or was used already")

// staffRolesNeedingSecondFactor are the roles the platform can require a
// second factor of (Policy.RequireSecondFactor).
func (s *Service) requiresSecondFactor(role authz.Role) bool {
	return s.policy.RequireSecondFactor && (role == authz.RoleOwner || role == authz.RoleOperator)
}

// Enrollment is a second factor being set up.
type Enrollment struct {
	Secret string
	URI    string
	// QRCode is a PNG of the URI, as a data: URL.
	QRCode string
}

// sessionCaller is the caller of a call that only a browser session may
// make (an API token has no second factor to speak of).
func sessionCaller(ctx context.Context) (*authz.Principal, error) {
	p := authz.FromContext(ctx)
	if p == nil || p.Method != authz.MethodSession {
		return nil, apierr.FailedPrecondition("the second factor is managed in a browser session, not with an API token")
	}
	return p, nil
}

// sessionUser returns the caller of a browser session and reads their user.
func (s *Service) sessionUser(ctx context.Context) (*authz.Principal, *ent.User, error) {
	p, err := sessionCaller(ctx)
	if err != nil {
		return nil, nil, err
	}
	u, err := s.client.User.Get(ctx, p.UserID)
	return p, u, err
}

// BeginEnrollment makes a new secret for the caller, kept as pending until
// a code from it confirms it.
func (s *Service) BeginEnrollment(ctx context.Context) (*Enrollment, error) {
	_, u, err := s.sessionUser(ctx)
	if err != nil {
		return nil, err
	}
	if u.TotpEnabledTime != nil {
		return nil, apierr.FailedPrecondition("a second factor is set up already; turn it off first to set up another")
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: u.Email, Period: totpPeriod,
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1, SecretSize: 20})
	if err != nil {
		return nil, err
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	sealed := s.box.Seal([]byte(key.Secret()), u.ID[:])
	if err := s.client.User.UpdateOneID(u.ID).SetTotpPendingSecret(sealed).Exec(ctx); err != nil {
		return nil, err
	}
	return &Enrollment{Secret: key.Secret(), URI: key.URL(),
		QRCode: "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())}, nil
}

// ConfirmEnrollment turns the pending secret on with a code from it and
// returns the recovery codes, in plain text this once. The session counts
// as confirmed.
func (s *Service) ConfirmEnrollment(ctx context.Context, code string) ([]string, error) {
	p, u, err := s.sessionUser(ctx)
	if err != nil {
		return nil, err
	}
	if len(u.TotpPendingSecret) == 0 {
		return nil, apierr.FailedPrecondition("start setting up the second factor first")
	}
	secret, err := s.box.Open(u.TotpPendingSecret, u.ID[:])
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	step, ok := matchTOTP(string(secret), code, now, 0)
	if !ok {
		return nil, errWrongCode
	}
	codes := make([]string, recoveryCodeCount)
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := tx.User.UpdateOneID(u.ID).SetTotpSecret(u.TotpPendingSecret).ClearTotpPendingSecret().
			SetTotpEnabledTime(now).SetTotpLastStep(step).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.RecoveryCode.Delete().Where(recoverycode.UserID(u.ID)).Exec(ctx); err != nil {
			return err
		}
		bulk := make([]*ent.RecoveryCodeCreate, len(codes))
		for i := range codes {
			codes[i] = newRecoveryCode()
			bulk[i] = tx.RecoveryCode.Create().SetID(uuid.Must(uuid.NewV7())).SetUserID(u.ID).SetCodeHash(hashRecoveryCode(codes[i]))
		}
		if err := tx.RecoveryCode.CreateBulk(bulk...).Exec(ctx); err != nil {
			return err
		}
		if err := tx.Session.UpdateOneID(p.SessionID).SetSecondFactorTime(now).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{Action: audit.ActionSecondFactorEnroll, TargetType: "user", TargetID: ids.Format(ids.User, u.ID),
			After: map[string]any{"second_factor": "authenticator app", "recovery_codes": recoveryCodeCount}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// VerifySecondFactor confirms the caller's second factor for this session
// and returns until when it counts. Codes are throttled like passwords.
func (s *Service) VerifySecondFactor(ctx context.Context, code string) (time.Time, error) {
	p, err := sessionCaller(ctx)
	if err != nil {
		return time.Time{}, err
	}
	now := s.clock.Now()
	if err := s.useCode(ctx, p.UserID, p.Email, code, now); err != nil {
		return time.Time{}, err
	}
	if err := s.client.Session.UpdateOneID(p.SessionID).SetSecondFactorTime(now).Exec(ctx); err != nil {
		return time.Time{}, err
	}
	return now.Add(FreshSecondFactor), nil
}

// DisableSecondFactor turns the caller's second factor off with a current
// code, unless the platform requires one for the caller's role.
func (s *Service) DisableSecondFactor(ctx context.Context, code string) error {
	p, err := sessionCaller(ctx)
	if err != nil {
		return err
	}
	if s.requiresSecondFactor(p.Role) {
		return apierr.FailedPrecondition("the platform requires a second factor for the role %s; an owner can reset it when the device is lost", p.Role)
	}
	now := s.clock.Now()
	if err := s.useCode(ctx, p.UserID, p.Email, code, now); err != nil {
		return err
	}
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := ClearSecondFactor(ctx, tx, p.UserID); err != nil {
			return err
		}
		log.Record(audit.Event{Action: audit.ActionSecondFactorDisable, TargetType: "user", TargetID: ids.Format(ids.User, p.UserID),
			Before: map[string]any{"second_factor": "authenticator app"}, After: map[string]any{"second_factor": "none"}})
		return nil
	})
}

// ClearSecondFactor removes a user's second factor and recovery codes, in
// tx (turning it off, an owner's reset).
func ClearSecondFactor(ctx context.Context, tx *ent.Tx, userID uuid.UUID) error {
	if err := tx.User.UpdateOneID(userID).ClearTotpSecret().ClearTotpPendingSecret().ClearTotpEnabledTime().
		SetTotpLastStep(0).Exec(ctx); err != nil {
		return err
	}
	_, err := tx.RecoveryCode.Delete().Where(recoverycode.UserID(userID)).Exec(ctx)
	return err
}

// useCode checks a code of the user's — six digits from the app, or a
// recovery code — and uses it up, counted by the sign-in throttle under
// its own key so that codes cannot be guessed at speed.
func (s *Service) useCode(ctx context.Context, userID uuid.UUID, email, code string, now time.Time) error {
	addr := reqctx.From(ctx).RemoteAddr
	if err := s.reserve(ctx, "second-factor:"+email, addr, now); err != nil {
		return err
	}
	u, err := s.client.User.Get(ctx, userID)
	if err != nil {
		return err
	}
	if u.TotpEnabledTime == nil {
		return apierr.FailedPrecondition("no second factor is set up")
	}
	ok, err := s.consume(ctx, u, code, now)
	if err != nil {
		return err
	}
	if !ok {
		return errWrongCode
	}
	return db.WithTx(ctx, s.client, func(tx *ent.Tx) error { return succeeded(ctx, tx, "second-factor:"+email, addr) })
}

// consume accepts code for u once: a TOTP step only if it is later than
// the last one accepted, a recovery code only if unused — each decided by
// the one statement that records it, so two requests racing with the same
// code cannot both pass.
func (s *Service) consume(ctx context.Context, u *ent.User, code string, now time.Time) (bool, error) {
	code = strings.TrimSpace(code)
	if isDigits(code, 6) {
		secret, err := s.box.Open(u.TotpSecret, u.ID[:])
		if err != nil {
			return false, err
		}
		step, ok := matchTOTP(string(secret), code, now, u.TotpLastStep)
		if !ok {
			return false, nil
		}
		n, err := s.client.User.Update().Where(user.ID(u.ID), user.TotpLastStepLT(step)).SetTotpLastStep(step).Save(ctx)
		return n == 1, err
	}
	n, err := s.client.RecoveryCode.Update().
		Where(recoverycode.UserID(u.ID), recoverycode.CodeHash(hashRecoveryCode(code)), recoverycode.UsedTimeIsNil()).
		SetUsedTime(now).Save(ctx)
	return n == 1, err
}

// matchTOTP returns the step whose code code is, among the steps around
// now later than after.
func matchTOTP(secret, code string, now time.Time, after int64) (int64, bool) {
	if !isDigits(code, 6) {
		return 0, false
	}
	cur := now.Unix() / totpPeriod
	for d := int64(-totpSkew); d <= totpSkew; d++ {
		step := cur + d
		if step <= after {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(step*totpPeriod, 0), totp.ValidateOpts{
			Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err == nil && want == code {
			return step, true
		}
	}
	return 0, false
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// newRecoveryCode is 50 random bits as ten base32 letters, grouped
// "abcde-fghij" for reading off paper.
func newRecoveryCode() string {
	b := make([]byte, 7)
	_, _ = rand.Read(b)
	s := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))[:10]
	return s[:5] + "-" + s[5:]
}

// hashRecoveryCode is how a recovery code is stored and looked up; case,
// spaces and dashes do not matter.
func hashRecoveryCode(code string) []byte {
	norm := strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == ' ':
			return -1
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		}
		return r
	}, code)
	sum := sha256.Sum256([]byte("leitstand recovery code\x00" + norm))
	return sum[:]
}

// secondFactorState is what the principal says about the second factor.
func (s *Service) secondFactorState(p *authz.Principal, enabled bool, confirmed *time.Time) {
	p.SecondFactorEnrolled = enabled
	if confirmed != nil && enabled {
		p.SecondFactorFreshUntil = confirmed.Add(FreshSecondFactor)
		p.SecondFactorFresh = s.clock.Now().Before(p.SecondFactorFreshUntil)
	}
	p.MustEnrollSecondFactor = !enabled && s.requiresSecondFactor(p.Role)
}
