package dockersim

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"time"
)

// TLSFiles are the PEM files of a daemon protected with --tlsverify, named
// as Docker's guide "Protect the Docker daemon socket" names them: one CA
// signs the daemon's certificate and its clients'.
type TLSFiles struct {
	// CA is ca.pem: the daemon's --tlscacert, and what a client trusts.
	CA string
	// ServerCert and ServerKey are server-cert.pem and server-key.pem, the
	// daemon's --tlscert and --tlskey.
	ServerCert, ServerKey string
	// ClientCert and ClientKey are cert.pem and key.pem, a client's
	// certificate (extendedKeyUsage clientAuth) and its key.
	ClientCert, ClientKey string
}

// authority is a CA that issues certificates on the spot.
type authority struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pem  string
}

// newAuthority makes a self-signed CA valid for a year. Its validity
// follows the wall clock, which TLS checks, not the simulator's.
func newAuthority(name string) authority {
	now := time.Now()
	key := newKey()
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: name, Organization: []string{"Leitstand simulator"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(1, 0, 0),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic("dockersim: creating the CA: " + err.Error())
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		panic("dockersim: parsing the CA: " + err.Error())
	}
	return authority{cert: cert, key: key, pem: certPEM(der)}
}

// issue signs a certificate for name with the given use; a server's
// certificate names the addresses it is reached at.
func (a authority) issue(name string, usage x509.ExtKeyUsage, dns []string, ips []net.IP) (certOut, keyOut string) {
	key := newKey()
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    a.cert.NotBefore,
		NotAfter:     a.cert.NotAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{usage},
		DNSNames:     dns,
		IPAddresses:  ips,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, a.cert, &key.PublicKey, a.key)
	if err != nil {
		panic("dockersim: issuing a certificate: " + err.Error())
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		panic("dockersim: encoding a key: " + err.Error())
	}
	return certPEM(der), string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}))
}

// newTLSFiles makes a CA, a certificate for a daemon at 127.0.0.1 (and
// host) and one client certificate.
func newTLSFiles(host string) TLSFiles {
	ca := newAuthority("Docker CA of " + host)
	f := TLSFiles{CA: ca.pem}
	f.ServerCert, f.ServerKey = ca.issue(host, x509.ExtKeyUsageServerAuth, []string{host}, []net.IP{net.IPv4(127, 0, 0, 1)})
	f.ClientCert, f.ClientKey = ca.issue("client", x509.ExtKeyUsageClientAuth, nil, nil)
	return f
}

// daemonTLS is the TLS side of dockerd --tlsverify: its own certificate,
// and only clients with a certificate from ca.pem.
func (f TLSFiles) daemonTLS() *tls.Config {
	pair, err := tls.X509KeyPair([]byte(f.ServerCert), []byte(f.ServerKey))
	if err != nil {
		panic("dockersim: the server certificate: " + err.Error())
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM([]byte(f.CA))
	return &tls.Config{
		MinVersion:   tls.VersionTLS12,
		Certificates: []tls.Certificate{pair},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    pool,
	}
}

func newKey() *ecdsa.PrivateKey {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic("dockersim: generating a key: " + err.Error())
	}
	return key
}

func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		panic("dockersim: a serial number: " + err.Error())
	}
	return n
}

func certPEM(der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}
