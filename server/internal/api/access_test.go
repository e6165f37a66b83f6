package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/leitstand/leitstand/server/internal/alert"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// procedures lists every procedure of every service the app's modules
// mount.
func procedures(t *testing.T, env *apptest.Env) []protoreflect.MethodDescriptor {
	t.Helper()
	var out []protoreflect.MethodDescriptor
	for _, name := range module.ServiceNames(env.Modules) {
		d, err := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName(name))
		if err != nil {
			t.Fatalf("service %s is not in the registry: %v", name, err)
		}
		ms := d.(protoreflect.ServiceDescriptor).Methods()
		for i := range ms.Len() {
			out = append(out, ms.Get(i))
		}
	}
	return out
}

func procedureName(m protoreflect.MethodDescriptor) string {
	return fmt.Sprintf("/%s/%s", m.Parent().FullName(), m.Name())
}

// Every service of the staff API's contract is mounted by a module: a
// service whose area was not added to the module list fails here rather
// than answering 404 in production.
func TestEveryServiceIsMounted(t *testing.T) {
	t.Parallel()
	mounted := module.ServiceNames(apptest.New(t, testdb.SQLite).Modules)
	protoregistry.GlobalFiles.RangeFilesByPackage("leitstand.admin.v1", func(f protoreflect.FileDescriptor) bool {
		for i := range f.Services().Len() {
			if name := string(f.Services().Get(i).FullName()); !slices.Contains(mounted, name) {
				t.Errorf("%s is in the contract but no module mounts it: add its area's module to app's list", name)
			}
		}
		return true
	})
	if len(mounted) < 10 {
		t.Errorf("only %d services mounted", len(mounted))
	}
}

func TestEveryProcedureDeclaresAccess(t *testing.T) {
	t.Parallel()
	ps := procedures(t, apptest.New(t, testdb.SQLite))
	if len(ps) < 20 {
		t.Fatalf("found only %d procedures; is every area in app's module list?", len(ps))
	}
	for _, m := range ps {
		if authz.AccessOf(m) == nil {
			t.Errorf("%s declares no access rule: add option (leitstand.admin.v1.access) to its RPC", procedureName(m))
		}
	}
}

// Who may call what, written out independently of the proto options, so
// that a changed option is caught here. "public" and "signed-in" are access
// levels; otherwise the roles that are allowed.
var allowed = map[string][]string{
	"/leitstand.admin.v1.AuthService/Login":                         {"public"},
	"/leitstand.admin.v1.AuthService/Logout":                        {"signed-in"},
	"/leitstand.admin.v1.AuthService/GetCurrentUser":                {"signed-in"},
	"/leitstand.admin.v1.AuthService/CreateApiToken":                {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AuthService/ListApiTokens":                 {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AuthService/RevokeApiToken":                {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AuthService/BeginSecondFactorEnrollment":   {"signed-in"},
	"/leitstand.admin.v1.AuthService/ConfirmSecondFactorEnrollment": {"signed-in"},
	"/leitstand.admin.v1.AuthService/VerifySecondFactor":            {"signed-in"},
	"/leitstand.admin.v1.AuthService/DisableSecondFactor":           {"signed-in"},
	"/leitstand.admin.v1.MemberService/ResetSecondFactor":           {"OWNER"},
	"/leitstand.admin.v1.OrganizationService/ListOrganizations":     {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.OrganizationService/GetOrganization":       {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.OrganizationService/ListWorkspaces":        {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.OrganizationService/CreateOrganization":    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrganizationService/UpdateOrganization":    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrganizationService/CreateWorkspace":       {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrganizationService/UpdateWorkspace":       {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrganizationService/AddOrganizationMember": {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrganizationService/AddWorkspaceMember":    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrganizationService/ListBillingDates":      {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.OrganizationService/RemoveWorkspaceMember": {"OWNER", "OPERATOR"},
	// The customer portal: a customer's user only, never staff.
	"/leitstand.portal.v1.AccountService/GetMe":                           {"USER"},
	"/leitstand.portal.v1.ServiceInstanceService/ListServiceInstances":    {"USER"},
	"/leitstand.portal.v1.ServiceInstanceService/GetServiceInstance":      {"USER"},
	"/leitstand.portal.v1.ServiceInstanceService/GetServiceUptime":        {"USER"},
	"/leitstand.portal.v1.ServiceInstanceService/ListServiceLogbook":      {"USER"},
	"/leitstand.portal.v1.AlertService/ListAlertLabels":                   {"USER"},
	"/leitstand.portal.v1.AlertService/ReportAlert":                       {"USER"},
	"/leitstand.portal.v1.AlertService/ListAlerts":                        {"USER"},
	"/leitstand.portal.v1.AlertService/GetAlert":                          {"USER"},
	"/leitstand.portal.v1.FeedbackService/GiveFeedback":                   {"USER"},
	"/leitstand.portal.v1.OrderService/ListOrders":                        {"USER"},
	"/leitstand.portal.v1.OrderService/GetOrder":                          {"USER"},
	"/leitstand.portal.v1.OrderService/ListOrderComments":                 {"USER"},
	"/leitstand.portal.v1.OrderService/AddOrderComment":                   {"USER"},
	"/leitstand.portal.v1.UpgradeService/ListUpgradeOptions":              {"USER"},
	"/leitstand.portal.v1.UpgradeService/RequestUpgrade":                  {"USER"},
	"/leitstand.portal.v1.UpgradeService/ListUpgradeRequests":             {"USER"},
	"/leitstand.portal.v1.UpgradeService/WithdrawUpgradeRequest":          {"USER"},
	"/leitstand.admin.v1.OrganizationService/RemoveOrganizationMember":    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrganizationService/SetOrganizationRole":         {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.MemberService/ListMembers":                       {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.MemberService/GetMember":                         {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.MemberService/SetPlatformRole":                   {"OWNER"},
	"/leitstand.admin.v1.MemberService/DisableMember":                     {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.MemberService/EnableMember":                      {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.MemberService/GrantPermission":                   {"OWNER"},
	"/leitstand.admin.v1.MemberService/RevokePermission":                  {"OWNER"},
	"/leitstand.admin.v1.AuditService/ListAuditEvents":                    {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.AuditService/GetAuditEvent":                      {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.JobService/ListJobs":                             {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.JobService/ListJobRuns":                          {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.JobService/GetJobRun":                            {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.JobService/GetJobHistory":                        {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.JobService/TriggerJob":                           {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.JobService/RetryJobRun":                          {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.SettingsService/GetSettings":                     {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.SettingsService/UpdateSettings":                  {"OWNER"},
	"/leitstand.admin.v1.SettingsService/SendTestMail":                    {"OWNER"},
	"/leitstand.admin.v1.SettingsService/UploadLogo":                      {"OWNER"},
	"/leitstand.admin.v1.SettingsService/RemoveLogo":                      {"OWNER"},
	"/leitstand.admin.v1.RoleService/ListRoles":                           {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ServerService/ListServers":                       {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ServerService/GetServer":                         {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ServerService/CreateServer":                      {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServerService/UpdateServer":                      {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServerService/DeleteServer":                      {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServerService/AssignServer":                      {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServerService/UnassignServer":                    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServerService/GetServerMetrics":                  {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ServerService/ListServerEvents":                  {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ServerService/GetHealthSummary":                  {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ServerService/UpdateHealthThresholds":            {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ConnectionService/ListConnections":               {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ConnectionService/GetConnection":                 {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ConnectionService/CreateConnection":              {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ConnectionService/UpdateConnection":              {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ConnectionService/DeleteConnection":              {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ConnectionService/TestConnection":                {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ConnectionService/DiscoverServers":               {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ConnectionService/ImportServers":                 {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ConnectionService/CreateDatasource":              {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ConnectionService/DeleteDatasource":              {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ContainerService/ListContainers":                 {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ContainerService/GetContainer":                   {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ContainerService/GetContainerMetrics":            {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ContainerService/StartContainer":                 {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ContainerService/StopContainer":                  {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ContainerService/RestartContainer":               {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.SearchService/Search":                            {"signed-in"},
	"/leitstand.admin.v1.ViewService/ListSavedViews":                      {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ViewService/CreateSavedView":                     {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ViewService/UpdateSavedView":                     {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ViewService/DeleteSavedView":                     {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ViewService/GetDashboardLayout":                  {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ViewService/UpdateDashboardLayout":               {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ViewService/ResetDashboardLayout":                {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.CatalogService/ListCatalogItems":                 {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.CatalogService/GetCatalogItem":                   {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.CatalogService/CreateCatalogItem":                {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.CatalogService/UpdateCatalogItem":                {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.CatalogService/RetireCatalogItem":                {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.CatalogService/UploadCatalogIcon":                {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.CatalogService/ListBookableItems":                {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.CatalogService/ListProductOffers":                {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.CatalogService/GetProductOffer":                  {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.CatalogService/CreateProductOffer":               {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.CatalogService/UpdateProductOffer":               {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.CatalogService/RetireProductOffer":               {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServiceInstanceService/ListServiceInstances":     {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ServiceInstanceService/GetServiceInstance":       {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ServiceInstanceService/ListServiceStatusHistory": {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ServiceInstanceService/ListLogbookEntries":       {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ServiceInstanceService/BookService":              {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServiceInstanceService/UpdateServiceInstance":    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServiceInstanceService/SetServiceStatus":         {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServiceInstanceService/ScheduleDecommission":     {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServiceInstanceService/CancelDecommission":       {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServiceInstanceService/AddLogbookEntry":          {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServiceInstanceService/ListServiceCredentials":   {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ServiceInstanceService/SetServiceCredential":     {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServiceInstanceService/DeleteServiceCredential":  {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServiceInstanceService/RevealServiceCredential":  {"OWNER"},
	"/leitstand.admin.v1.ServiceInstanceService/ListServiceContainers":    {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.OrderService/ListOrders":                         {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.OrderService/GetOrder":                           {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.OrderService/ListOrderComments":                  {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.OrderService/CreateOrder":                        {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrderService/UpdateOrder":                        {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrderService/SetOrderStatus":                     {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrderService/AddOrderComment":                    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrderService/ListTimeEntries":                    {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.OrderService/GetUnbilledTime":                    {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.OrderService/CreateTimeEntry":                    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrderService/UpdateTimeEntry":                    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrderService/DeleteTimeEntry":                    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrderService/StartTimer":                         {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrderService/StopTimer":                          {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrderService/ListOrderProcesses":                 {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.OrderService/AddOrderProcess":                    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrderService/RemoveOrderProcess":                 {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.OrderService/SetProcessStep":                     {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ProcessTemplateService/ListProcessTemplates":     {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ProcessTemplateService/GetProcessTemplate":       {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ProcessTemplateService/CreateProcessTemplate":    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ProcessTemplateService/UpdateProcessTemplate":    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ProcessTemplateService/DeleteProcessTemplate":    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AlertService/ListAlerts":                         {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.AlertService/GetAlert":                           {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.AlertService/ListAlertLabels":                    {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.AlertService/CreateAlert":                        {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AlertService/AcknowledgeAlert":                   {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AlertService/ResolveAlert":                       {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AlertService/CreateOrderFromAlert":               {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AlertService/CreateAlertLabel":                   {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AlertService/RetireAlertLabel":                   {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.FeedbackService/ListFeedback":                    {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.FeedbackService/ReviewFeedback":                  {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PlanService/ListPlans":                           {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.PlanService/GetPlan":                             {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.PlanService/ListPlanVersions":                    {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.PlanService/CreatePlan":                          {"OWNER"},
	"/leitstand.admin.v1.PlanService/UpdatePlan":                          {"OWNER"},
	"/leitstand.admin.v1.PlanService/RetirePlan":                          {"OWNER"},
	"/leitstand.admin.v1.ContractService/GetContract":                     {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ContractService/ListContracts":                   {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ContractService/SetCustomTerms":                  {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ContractService/ScheduleTransition":              {"OWNER"},
	"/leitstand.admin.v1.ContractService/CancelTransition":                {"OWNER"},
	"/leitstand.admin.v1.ContractService/ListDiscounts":                   {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ContractService/GrantDiscount":                   {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ContractService/EndDiscount":                     {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.InvoiceService/ListInvoices":                     {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.InvoiceService/GetInvoice":                       {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.InvoiceService/GetInvoicePdf":                    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.InvoiceService/GetEInvoice":                      {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.InvoiceService/PreviewInvoice":                   {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.InvoiceService/PreviewBillingRun":                {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.InvoiceService/CreateManualInvoice":              {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.InvoiceService/CancelInvoice":                    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.InvoiceService/BillOrganization":                 {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PaymentService/ListPayments":                     {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PaymentService/GetPayment":                       {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PaymentService/RecordPayment":                    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PaymentService/RefundPayment":                    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PaymentService/ReversePayment":                   {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PaymentService/GetOrganizationBalance":           {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PaymentService/RequestProviderPayment":           {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PaymentService/ListProviderEvents":               {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PaymentService/ReplayProviderEvent":              {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PaymentService/ListPaymentAccounts":              {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.PaymentService/SetPaymentAccount":                {"OWNER"},
	"/leitstand.admin.v1.PaymentService/TestPaymentAccount":               {"OWNER"},
	"/leitstand.admin.v1.BankStatementService/ImportBankStatement":        {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.BankStatementService/ListBankStatements":         {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.BankStatementService/ListBankLines":              {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.BankStatementService/AssignBankLine":             {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.BankStatementService/IgnoreBankLine":             {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.DunningService/ListDunningNotices":               {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.DunningService/GetDunningNoticePdf":              {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.DunningService/GetOrganizationDunning":           {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.DunningService/SetDunningHold":                   {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.DunningService/ReleaseDunningHold":               {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.DashboardService/GetDashboard":                   {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.DashboardService/GetRevenueSummary":              {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AccountService/ListAccounts":                     {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AccountService/GetAccountHistory":                {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AccountService/ListAtRiskAccounts":               {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AccountService/GrantReverseTrial":                {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AccountService/CancelReverseTrial":               {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AccountService/SetManagedBilling":                {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.AccountService/ResetUsage":                       {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.UpgradeRequestService/ListUpgradeRequests":       {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.UpgradeRequestService/ApproveUpgradeRequest":     {"OWNER"},
	"/leitstand.admin.v1.UpgradeRequestService/DenyUpgradeRequest":        {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PartnerService/ListPartners":                     {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PartnerService/SetPartner":                       {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PartnerService/SetReferral":                      {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PartnerService/ListReferrals":                    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PartnerService/ListReferralLedger":               {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PartnerService/RecordPartnerPayout":              {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.PartnerService/ListExternalLedOrganizations":     {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.TrainingService/ListCourses":                     {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.TrainingService/GetCourse":                       {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.TrainingService/CreateCourse":                    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.TrainingService/UpdateCourse":                    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.TrainingService/DeleteCourse":                    {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.TrainingService/ListTrainingSessions":            {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.TrainingService/GetTrainingSession":              {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.TrainingService/ScheduleTrainingSession":         {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.TrainingService/RescheduleTrainingSession":       {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.TrainingService/CancelTrainingSession":           {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.TrainingService/CompleteTrainingSession":         {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.TrainingService/RegisterAttendee":                {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.TrainingService/CancelRegistration":              {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.TrainingService/ListRegistrations":               {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.TrainingService/MarkAttendance":                  {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.TrainingService/ListLicences":                    {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.TrainingService/GetLicence":                      {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.TrainingService/RevokeLicence":                   {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.TrainingService/GetCertificatePdf":               {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.TrainingService/VerifyCertificate":               {"public"},
	"/leitstand.portal.v1.TrainingService/ListUpcomingSessions":           {"USER"},
	"/leitstand.portal.v1.TrainingService/RegisterPerson":                 {"USER"},
	"/leitstand.portal.v1.TrainingService/CancelRegistration":             {"USER"},
	"/leitstand.portal.v1.TrainingService/ListRegistrations":              {"USER"},
	"/leitstand.portal.v1.TrainingService/ListLicences":                   {"USER"},
	"/leitstand.portal.v1.TrainingService/GetCertificatePdf":              {"USER"},
	"/leitstand.portal.v1.TrainingService/ListLicenceNotices":             {"USER"},
	"/leitstand.admin.v1.WebhookService/ListWebhookEndpoints":             {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.WebhookService/GetWebhookEndpoint":               {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.WebhookService/CreateWebhookEndpoint":            {"OWNER"},
	"/leitstand.admin.v1.WebhookService/UpdateWebhookEndpoint":            {"OWNER"},
	"/leitstand.admin.v1.WebhookService/DeleteWebhookEndpoint":            {"OWNER"},
	"/leitstand.admin.v1.WebhookService/RotateWebhookSecret":              {"OWNER"},
	"/leitstand.admin.v1.WebhookService/SendTestEvent":                    {"OWNER"},
	"/leitstand.admin.v1.WebhookService/ListWebhookDeliveries":            {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.WebhookService/GetWebhookDelivery":               {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.WebhookService/ReplayWebhookDelivery":            {"OWNER"},
	"/leitstand.admin.v1.ImageService/ListImages":                         {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ImageService/GetImage":                           {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ImageService/CreateImage":                        {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ImageService/UpdateImage":                        {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ImageService/DeleteImage":                        {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ImageService/ShareImage":                         {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ImageService/UnshareImage":                       {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.UsageService/ReportUsage":                        {"OWNER"},
	"/leitstand.admin.v1.UsageService/ListUsageSnapshots":                 {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.UsageService/GetUsageSummary":                    {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.UsageReportService/GetUsageReport":               {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.UsageReportService/ListUsageReportRows":          {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.UsageReportService/RenderUsageReportPdf":         {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.UsageReportService/ListStoredUsageReports":       {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.UsageReportService/GetStoredUsageReport":         {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ServiceInstanceService/GetServiceUptime":         {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.ServiceInstanceService/LinkServiceContainer":     {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServiceInstanceService/UnlinkServiceContainer":   {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServiceInstanceService/StartService":             {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServiceInstanceService/StopService":              {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.ServiceInstanceService/RestartService":           {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.BillingEntityService/ListBillingEntities":        {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.BillingEntityService/GetBillingEntity":           {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.BillingEntityService/CreateBillingEntity":        {"OWNER"},
	"/leitstand.admin.v1.BillingEntityService/UpdateBillingEntity":        {"OWNER"},
	"/leitstand.admin.v1.BillingEntityService/SuspendBillingEntity":       {"OWNER"},
	"/leitstand.admin.v1.BillingEntityService/ResumeBillingEntity":        {"OWNER"},
	"/leitstand.admin.v1.BillingEntityService/AddBillingEntityStaff":      {"OWNER"},
	"/leitstand.admin.v1.BillingEntityService/GetWholesaleReport":         {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.SignUpService/ListSignUps":                       {"OWNER", "OPERATOR", "DEVELOPER"},
	"/leitstand.admin.v1.SignUpService/ApproveSignUp":                     {"OWNER", "OPERATOR"},
	"/leitstand.admin.v1.SignUpService/RejectSignUp":                      {"OWNER", "OPERATOR"},
	"/leitstand.portal.v1.SignUpService/SignUp":                           {"public"},
}

// requests are valid requests for every procedure; {placeholders} are
// filled per caller. A valid request may still fail for reasons of state
// (a NotFound, a FailedPrecondition): the matrix only looks at whether the
// caller was let through.
var requests = map[string]string{
	"/leitstand.admin.v1.AuthService/Login":                               `{"email":"{email}","password":"{password}"}`,
	"/leitstand.admin.v1.AuthService/Logout":                              `{}`,
	"/leitstand.admin.v1.AuthService/GetCurrentUser":                      `{}`,
	"/leitstand.admin.v1.AuthService/CreateApiToken":                      `{"name":"matrix {role}"}`,
	"/leitstand.admin.v1.AuthService/ListApiTokens":                       `{}`,
	"/leitstand.admin.v1.AuthService/RevokeApiToken":                      `{"id":"{token}"}`,
	"/leitstand.admin.v1.AuthService/BeginSecondFactorEnrollment":         `{}`,
	"/leitstand.admin.v1.AuthService/ConfirmSecondFactorEnrollment":       `{"code":"123456"}`,
	"/leitstand.admin.v1.AuthService/VerifySecondFactor":                  `{"code":"123456"}`,
	"/leitstand.admin.v1.AuthService/DisableSecondFactor":                 `{"code":"123456"}`,
	"/leitstand.admin.v1.MemberService/ResetSecondFactor":                 `{"id":"{target}","reason":"matrix"}`,
	"/leitstand.admin.v1.OrganizationService/ListOrganizations":           `{"pageSize":5}`,
	"/leitstand.admin.v1.OrganizationService/GetOrganization":             `{"id":"{org}"}`,
	"/leitstand.admin.v1.OrganizationService/ListWorkspaces":              `{"organizationId":"{org}"}`,
	"/leitstand.admin.v1.OrganizationService/CreateOrganization":          `{"name":"Matrix {role} GmbH"}`,
	"/leitstand.admin.v1.OrganizationService/UpdateOrganization":          `{"organization":{"id":"{org}","legalName":"Matrix {role}"},"updateMask":"legalName"}`,
	"/leitstand.admin.v1.OrganizationService/CreateWorkspace":             `{"organizationId":"{org}","name":"ws {role}"}`,
	"/leitstand.admin.v1.OrganizationService/UpdateWorkspace":             `{"workspace":{"id":"{ws}","name":"renamed {role}"},"updateMask":"name"}`,
	"/leitstand.admin.v1.OrganizationService/AddOrganizationMember":       `{"organizationId":"{org}","email":"{role}.new@example.com","role":"ORGANIZATION_ROLE_MEMBER"}`,
	"/leitstand.admin.v1.OrganizationService/AddWorkspaceMember":          `{"workspaceId":"{ws}","userId":"{target}"}`,
	"/leitstand.admin.v1.OrganizationService/ListBillingDates":            `{"organizationId":"{org}"}`,
	"/leitstand.admin.v1.OrganizationService/RemoveWorkspaceMember":       `{"workspaceId":"{ws}","userId":"{target}"}`,
	"/leitstand.portal.v1.AccountService/GetMe":                           `{}`,
	"/leitstand.portal.v1.ServiceInstanceService/ListServiceInstances":    `{}`,
	"/leitstand.portal.v1.ServiceInstanceService/GetServiceInstance":      `{"id":"{svc}"}`,
	"/leitstand.portal.v1.ServiceInstanceService/GetServiceUptime":        `{"id":"{svc}","days":7}`,
	"/leitstand.portal.v1.ServiceInstanceService/ListServiceLogbook":      `{"id":"{svc}"}`,
	"/leitstand.portal.v1.AlertService/ListAlertLabels":                   `{}`,
	"/leitstand.portal.v1.AlertService/ReportAlert":                       `{"organizationId":"{org}","labelId":"{alb}","priority":"ORDER_PRIORITY_LOW","text":"matrix {role}"}`,
	"/leitstand.portal.v1.AlertService/ListAlerts":                        `{}`,
	"/leitstand.portal.v1.AlertService/GetAlert":                          `{"id":"{alr}"}`,
	"/leitstand.portal.v1.FeedbackService/GiveFeedback":                   `{"rating":4,"area":"matrix"}`,
	"/leitstand.portal.v1.OrderService/ListOrders":                        `{}`,
	"/leitstand.portal.v1.OrderService/GetOrder":                          `{"id":"{ord}"}`,
	"/leitstand.portal.v1.OrderService/ListOrderComments":                 `{"id":"{ord}"}`,
	"/leitstand.portal.v1.OrderService/AddOrderComment":                   `{"id":"{ord}","text":"matrix {role}"}`,
	"/leitstand.portal.v1.UpgradeService/ListUpgradeOptions":              `{"organizationId":"{org}"}`,
	"/leitstand.portal.v1.UpgradeService/RequestUpgrade":                  `{"organizationId":"{org}","planId":"pln_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.portal.v1.UpgradeService/ListUpgradeRequests":             `{"organizationId":"{org}"}`,
	"/leitstand.portal.v1.UpgradeService/WithdrawUpgradeRequest":          `{"id":"upr_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.OrganizationService/RemoveOrganizationMember":    `{"organizationId":"{org}","userId":"{target}","reason":"matrix"}`,
	"/leitstand.admin.v1.OrganizationService/SetOrganizationRole":         `{"organizationId":"{org}","userId":"{target}","role":"ORGANIZATION_ROLE_ADMIN","reason":"matrix"}`,
	"/leitstand.admin.v1.MemberService/ListMembers":                       `{}`,
	"/leitstand.admin.v1.MemberService/GetMember":                         `{"id":"{target}"}`,
	"/leitstand.admin.v1.MemberService/SetPlatformRole":                   `{"id":"{target}","platformRole":"PLATFORM_ROLE_DEVELOPER","reason":"matrix"}`,
	"/leitstand.admin.v1.MemberService/DisableMember":                     `{"id":"{target}","reason":"matrix"}`,
	"/leitstand.admin.v1.MemberService/EnableMember":                      `{"id":"{target}","reason":"matrix"}`,
	"/leitstand.admin.v1.MemberService/GrantPermission":                   `{"id":"{target}","permission":"PERMISSION_AUDIT_READ","reason":"matrix"}`,
	"/leitstand.admin.v1.MemberService/RevokePermission":                  `{"id":"{target}","permission":"PERMISSION_AUDIT_READ","reason":"matrix"}`,
	"/leitstand.admin.v1.AuditService/ListAuditEvents":                    `{}`,
	"/leitstand.admin.v1.AuditService/GetAuditEvent":                      `{"id":"aud_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.JobService/ListJobs":                             `{}`,
	"/leitstand.admin.v1.JobService/ListJobRuns":                          `{"jobName":"session-cleanup"}`,
	"/leitstand.admin.v1.JobService/GetJobRun":                            `{"id":"run_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.JobService/GetJobHistory":                        `{"jobName":"session-cleanup","startTime":"2026-03-13T00:00:00Z","endTime":"2026-03-14T00:00:00Z"}`,
	"/leitstand.admin.v1.JobService/TriggerJob":                           `{"jobName":"session-cleanup","reason":"matrix {role}"}`,
	"/leitstand.admin.v1.JobService/RetryJobRun":                          `{"id":"run_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix {role}"}`,
	"/leitstand.admin.v1.SettingsService/GetSettings":                     `{}`,
	"/leitstand.admin.v1.SettingsService/UpdateSettings":                  `{"settings":{"company":{"name":"Matrix {role} GmbH"}},"updateMask":"company.name"}`,
	"/leitstand.admin.v1.SettingsService/SendTestMail":                    `{"to":"matrix@example.com"}`,
	"/leitstand.admin.v1.SettingsService/UploadLogo":                      `{"content":"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==","contentType":"image/png"}`,
	"/leitstand.admin.v1.SettingsService/RemoveLogo":                      `{"reason":"matrix"}`,
	"/leitstand.admin.v1.RoleService/ListRoles":                           `{}`,
	"/leitstand.admin.v1.ServerService/ListServers":                       `{"pageSize":5}`,
	"/leitstand.admin.v1.ServerService/GetServer":                         `{"id":"srv_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ServerService/CreateServer":                      `{"name":"matrix {role}","provider":"PROVIDER_KIND_OTHER","kind":"SERVER_KIND_HOST"}`,
	"/leitstand.admin.v1.ServerService/UpdateServer":                      `{"server":{"id":"srv_01kaj5m8d0e6xv1ks8wq6a5j0p","notes":"matrix"},"updateMask":"notes"}`,
	"/leitstand.admin.v1.ServerService/DeleteServer":                      `{"id":"srv_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ServerService/AssignServer":                      `{"serverId":"srv_01kaj5m8d0e6xv1ks8wq6a5j0p","organizationId":"{org}"}`,
	"/leitstand.admin.v1.ServerService/UnassignServer":                    `{"serverId":"srv_01kaj5m8d0e6xv1ks8wq6a5j0p","organizationId":"{org}"}`,
	"/leitstand.admin.v1.ServerService/GetServerMetrics":                  `{"serverId":"srv_01kaj5m8d0e6xv1ks8wq6a5j0p","range":"METRICS_RANGE_DAY"}`,
	"/leitstand.admin.v1.ServerService/ListServerEvents":                  `{"serverId":"srv_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ServerService/GetHealthSummary":                  `{}`,
	"/leitstand.admin.v1.ServerService/UpdateHealthThresholds":            `{"thresholds":{"cpuWarningPercent":80,"cpuCriticalPercent":95,"memoryWarningPercent":85,"memoryCriticalPercent":95,"diskWarningPercent":80,"diskCriticalPercent":90,"syncFailuresCritical":3,"staleAfterMinutes":10}}`,
	"/leitstand.admin.v1.ConnectionService/ListConnections":               `{}`,
	"/leitstand.admin.v1.ConnectionService/GetConnection":                 `{"id":"conn_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ConnectionService/CreateConnection":              `{"settings":{"name":"matrix {role}","kind":"PROVIDER_KIND_HETZNER","credentials":{"token":"t"}}}`,
	"/leitstand.admin.v1.ConnectionService/UpdateConnection":              `{"id":"conn_01kaj5m8d0e6xv1ks8wq6a5j0p","settings":{"name":"renamed {role}","kind":"PROVIDER_KIND_HETZNER"},"updateMask":"name"}`,
	"/leitstand.admin.v1.ConnectionService/DeleteConnection":              `{"id":"conn_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ConnectionService/TestConnection":                `{"connectionId":"conn_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ConnectionService/DiscoverServers":               `{"connectionId":"conn_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ConnectionService/ImportServers":                 `{"connectionId":"conn_01kaj5m8d0e6xv1ks8wq6a5j0p","externalIds":["1"]}`,
	"/leitstand.admin.v1.ConnectionService/CreateDatasource":              `{"serverId":"srv_01kaj5m8d0e6xv1ks8wq6a5j0p","connectionId":"conn_01kaj5m8d0e6xv1ks8wq6a5j0p","externalId":"1"}`,
	"/leitstand.admin.v1.ConnectionService/DeleteDatasource":              `{"id":"ds_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ContainerService/ListContainers":                 `{}`,
	"/leitstand.admin.v1.ContainerService/GetContainer":                   `{"id":"ctr_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ContainerService/GetContainerMetrics":            `{"containerId":"ctr_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ContainerService/StartContainer":                 `{"id":"ctr_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.ContainerService/StopContainer":                  `{"id":"ctr_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.ContainerService/RestartContainer":               `{"id":"ctr_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.SearchService/Search":                            `{"query":"matrix"}`,
	"/leitstand.admin.v1.ViewService/ListSavedViews":                      `{"page":"organizations"}`,
	"/leitstand.admin.v1.ViewService/CreateSavedView":                     `{"view":{"page":"organizations","name":"Matrix","parameters":{"status":"ACTIVE"}}}`,
	"/leitstand.admin.v1.ViewService/UpdateSavedView":                     `{"id":"sv_01kaj5m8d0e6xv1ks8wq6a5j0p","view":{"name":"Matrix"},"updateMask":"name"}`,
	"/leitstand.admin.v1.ViewService/DeleteSavedView":                     `{"id":"sv_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ViewService/GetDashboardLayout":                  `{}`,
	"/leitstand.admin.v1.ViewService/UpdateDashboardLayout":               `{"widgets":[{"widgetId":"key_figures","hidden":true}]}`,
	"/leitstand.admin.v1.ViewService/ResetDashboardLayout":                `{}`,
	"/leitstand.admin.v1.CatalogService/ListCatalogItems":                 `{"pageSize":5}`,
	"/leitstand.admin.v1.CatalogService/GetCatalogItem":                   `{"id":"cat_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.CatalogService/CreateCatalogItem":                `{"name":"Matrix {role}","category":"CATALOG_CATEGORY_S","monthlyPriceCents":"990"}`,
	"/leitstand.admin.v1.CatalogService/UpdateCatalogItem":                `{"item":{"id":"cat_01kaj5m8d0e6xv1ks8wq6a5j0p","bookable":true},"updateMask":"bookable"}`,
	"/leitstand.admin.v1.CatalogService/RetireCatalogItem":                `{"id":"cat_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.CatalogService/ListBookableItems":                `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.CatalogService/ListProductOffers":                `{}`,
	"/leitstand.admin.v1.CatalogService/GetProductOffer":                  `{"id":"ofr_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.CatalogService/CreateProductOffer":               `{"catalogItemId":"cat_01kaj5m8d0e6xv1ks8wq6a5j0p","monthlyPriceCents":"100"}`,
	"/leitstand.admin.v1.CatalogService/UpdateProductOffer":               `{"offer":{"id":"ofr_01kaj5m8d0e6xv1ks8wq6a5j0p","monthlyPriceCents":"100"},"updateMask":"monthlyPriceCents"}`,
	"/leitstand.admin.v1.CatalogService/RetireProductOffer":               `{"id":"ofr_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.CatalogService/UploadCatalogIcon":                `{"content":"PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4="}`,
	"/leitstand.admin.v1.ServiceInstanceService/ListServiceInstances":     `{"pageSize":5}`,
	"/leitstand.admin.v1.ServiceInstanceService/GetServiceInstance":       `{"id":"{svc}"}`,
	"/leitstand.admin.v1.ServiceInstanceService/ListServiceStatusHistory": `{"serviceInstanceId":"{svc}"}`,
	"/leitstand.admin.v1.ServiceInstanceService/ListLogbookEntries":       `{"serviceInstanceId":"{svc}"}`,
	"/leitstand.admin.v1.ServiceInstanceService/BookService":              `{"catalogItemId":"{item}","workspaceId":"{ws}","name":"Matrix {role}"}`,
	"/leitstand.admin.v1.ServiceInstanceService/UpdateServiceInstance":    `{"serviceInstance":{"id":"{svc}","notes":"matrix {role}"},"updateMask":"notes"}`,
	"/leitstand.admin.v1.ServiceInstanceService/SetServiceStatus":         `{"id":"{svc}","status":"SERVICE_STATUS_MAINTENANCE","reason":"matrix {role}"}`,
	"/leitstand.admin.v1.ServiceInstanceService/ScheduleDecommission":     `{"id":"{svc}","decommissionTime":"2027-01-01T00:00:00Z","reason":"matrix {role}"}`,
	"/leitstand.admin.v1.ServiceInstanceService/CancelDecommission":       `{"id":"{svc}","reason":"matrix {role}"}`,
	"/leitstand.admin.v1.ServiceInstanceService/AddLogbookEntry":          `{"serviceInstanceId":"{svc}","visibility":"LOGBOOK_VISIBILITY_INTERNAL","text":"matrix {role}"}`,
	"/leitstand.admin.v1.ServiceInstanceService/ListServiceCredentials":   `{"serviceInstanceId":"{svc}"}`,
	"/leitstand.admin.v1.ServiceInstanceService/SetServiceCredential":     `{"serviceInstanceId":"{svc}","name":"matrix {role}","value":"s3cret"}`,
	"/leitstand.admin.v1.ServiceInstanceService/DeleteServiceCredential":  `{"serviceInstanceId":"{svc}","name":"matrix {role}"}`,
	"/leitstand.admin.v1.ServiceInstanceService/RevealServiceCredential":  `{"serviceInstanceId":"{svc}","name":"admin login","reason":"matrix {role}"}`,
	"/leitstand.admin.v1.ServiceInstanceService/ListServiceContainers":    `{"serviceInstanceId":"{svc}"}`,
	"/leitstand.admin.v1.OrderService/ListOrders":                         `{"pageSize":5}`,
	"/leitstand.admin.v1.OrderService/GetOrder":                           `{"id":"{ord}"}`,
	"/leitstand.admin.v1.OrderService/ListOrderComments":                  `{"orderId":"{ord}"}`,
	"/leitstand.admin.v1.OrderService/CreateOrder":                        `{"organizationId":"{org}","title":"Matrix {role}","kind":"ORDER_KIND_SUPPORT"}`,
	"/leitstand.admin.v1.OrderService/UpdateOrder":                        `{"order":{"id":"{ord}","description":"matrix {role}"},"updateMask":"description"}`,
	"/leitstand.admin.v1.OrderService/SetOrderStatus":                     `{"id":"{ord}","status":"ORDER_STATUS_IN_PROGRESS"}`,
	"/leitstand.admin.v1.OrderService/AddOrderComment":                    `{"orderId":"{ord}","visibility":"ORDER_COMMENT_VISIBILITY_INTERNAL","text":"matrix {role}"}`,
	"/leitstand.admin.v1.OrderService/ListTimeEntries":                    `{"orderId":"{ord}"}`,
	"/leitstand.admin.v1.OrderService/GetUnbilledTime":                    `{"organizationId":"{org}"}`,
	"/leitstand.admin.v1.OrderService/CreateTimeEntry":                    `{"orderId":"{ord}","date":"2026-01-05","minutes":15,"description":"matrix {role}","billable":true}`,
	"/leitstand.admin.v1.OrderService/UpdateTimeEntry":                    `{"timeEntry":{"id":"tim_01kaj5m8d0e6xv1ks8wq6a5j0p","minutes":20},"updateMask":"minutes"}`,
	"/leitstand.admin.v1.OrderService/DeleteTimeEntry":                    `{"id":"tim_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.OrderService/StartTimer":                         `{"orderId":"{ord}","description":"matrix {role}"}`,
	"/leitstand.admin.v1.OrderService/StopTimer":                          `{}`,
	"/leitstand.admin.v1.OrderService/ListOrderProcesses":                 `{"orderId":"{ord}"}`,
	"/leitstand.admin.v1.OrderService/AddOrderProcess":                    `{"orderId":"{ord}","templateId":"{tpl}"}`,
	"/leitstand.admin.v1.OrderService/RemoveOrderProcess":                 `{"orderId":"{ord}","processId":"prc_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.OrderService/SetProcessStep":                     `{"orderId":"{ord}","stepId":"pst_01kaj5m8d0e6xv1ks8wq6a5j0p","done":true}`,
	"/leitstand.admin.v1.ProcessTemplateService/ListProcessTemplates":     `{}`,
	"/leitstand.admin.v1.ProcessTemplateService/GetProcessTemplate":       `{"id":"{tpl}"}`,
	"/leitstand.admin.v1.ProcessTemplateService/CreateProcessTemplate":    `{"processTemplate":{"name":"Matrix {role}","steps":["one"]}}`,
	"/leitstand.admin.v1.ProcessTemplateService/UpdateProcessTemplate":    `{"processTemplate":{"id":"{tpl}","description":"matrix {role}"},"updateMask":"description"}`,
	"/leitstand.admin.v1.ProcessTemplateService/DeleteProcessTemplate":    `{"id":"ptp_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.AlertService/ListAlerts":                         `{"pageSize":5}`,
	"/leitstand.admin.v1.AlertService/GetAlert":                           `{"id":"{alr}"}`,
	"/leitstand.admin.v1.AlertService/ListAlertLabels":                    `{}`,
	"/leitstand.admin.v1.AlertService/CreateAlert":                        `{"organizationId":"{org}","labelId":"{alb}","priority":"ORDER_PRIORITY_LOW","text":"matrix {role}"}`,
	"/leitstand.admin.v1.AlertService/AcknowledgeAlert":                   `{"id":"{alr}"}`,
	"/leitstand.admin.v1.AlertService/ResolveAlert":                       `{"id":"alr_01kaj5m8d0e6xv1ks8wq6a5j0p","resolution":"matrix"}`,
	"/leitstand.admin.v1.AlertService/CreateOrderFromAlert":               `{"id":"alr_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.AlertService/CreateAlertLabel":                   `{"name":"Matrix {role}"}`,
	"/leitstand.admin.v1.AlertService/RetireAlertLabel":                   `{"id":"alb_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.FeedbackService/ListFeedback":                    `{}`,
	"/leitstand.admin.v1.FeedbackService/ReviewFeedback":                  `{"id":"fbk_01kaj5m8d0e6xv1ks8wq6a5j0p","note":"matrix"}`,
	"/leitstand.admin.v1.PlanService/ListPlans":                           `{"includeRetired":true}`,
	"/leitstand.admin.v1.PlanService/GetPlan":                             `{"id":"pln_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.PlanService/ListPlanVersions":                    `{"planId":"pln_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.PlanService/CreatePlan":                          `{"name":"Matrix {role}","rank":900,"terms":{"monthlyFeeCents":"990"}}`,
	"/leitstand.admin.v1.PlanService/UpdatePlan":                          `{"plan":{"id":"pln_01kaj5m8d0e6xv1ks8wq6a5j0p","name":"Matrix"},"updateMask":"name"}`,
	"/leitstand.admin.v1.PlanService/RetirePlan":                          `{"id":"pln_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.ContractService/GetContract":                     `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ContractService/ListContracts":                   `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ContractService/SetCustomTerms":                  `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","customTerms":{},"reason":"matrix"}`,
	"/leitstand.admin.v1.ContractService/ScheduleTransition":              `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","planId":"pln_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.ContractService/CancelTransition":                `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.ContractService/ListDiscounts":                   `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ContractService/GrantDiscount":                   `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","name":"Matrix","basisPoints":1000,"reason":"matrix"}`,
	"/leitstand.admin.v1.ContractService/EndDiscount":                     `{"discountId":"dsc_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.InvoiceService/ListInvoices":                     `{}`,
	"/leitstand.admin.v1.InvoiceService/GetInvoice":                       `{"id":"inv_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.InvoiceService/GetInvoicePdf":                    `{"id":"inv_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.InvoiceService/GetEInvoice":                      `{"id":"inv_01kaj5m8d0e6xv1ks8wq6a5j0p","format":"E_INVOICE_FORMAT_ZUGFERD"}`,
	"/leitstand.admin.v1.InvoiceService/PreviewInvoice":                   `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.InvoiceService/PreviewBillingRun":                `{"day":"2026-03-14"}`,
	"/leitstand.admin.v1.InvoiceService/CreateManualInvoice":              `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","lines":[{"description":"x","quantity":"1","unitPriceCents":"100"}],"validateOnly":true}`,
	"/leitstand.admin.v1.InvoiceService/CancelInvoice":                    `{"id":"inv_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.InvoiceService/BillOrganization":                 `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.PaymentService/ListPayments":                     `{}`,
	"/leitstand.admin.v1.PaymentService/GetPayment":                       `{"id":"pay_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.PaymentService/RecordPayment":                    `{"invoiceId":"inv_01kaj5m8d0e6xv1ks8wq6a5j0p","method":"PAYMENT_METHOD_MANUAL","amountCents":"100","currency":"EUR","valueDate":"2026-03-14","validateOnly":true}`,
	"/leitstand.admin.v1.PaymentService/RefundPayment":                    `{"id":"pay_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.PaymentService/ReversePayment":                   `{"id":"pay_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.PaymentService/GetOrganizationBalance":           `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.PaymentService/RequestProviderPayment":           `{"invoiceId":"inv_01kaj5m8d0e6xv1ks8wq6a5j0p","provider":"PAYMENT_PROVIDER_STRIPE"}`,
	"/leitstand.admin.v1.PaymentService/ListProviderEvents":               `{}`,
	"/leitstand.admin.v1.PaymentService/ReplayProviderEvent":              `{"id":"pev_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.PaymentService/ListPaymentAccounts":              `{}`,
	"/leitstand.admin.v1.PaymentService/SetPaymentAccount":                `{"provider":"PAYMENT_PROVIDER_MOLLIE","apiKey":"test_matrixmatrixmatrix"}`,
	"/leitstand.admin.v1.PaymentService/TestPaymentAccount":               `{"provider":"PAYMENT_PROVIDER_MOLLIE"}`,
	"/leitstand.admin.v1.BankStatementService/ImportBankStatement":        `{"fileName":"x.xml","content":"PERvY3VtZW50Lz4=","validateOnly":true}`,
	"/leitstand.admin.v1.DunningService/ListDunningNotices":               `{}`,
	"/leitstand.admin.v1.DunningService/GetDunningNoticePdf":              `{"id":"dun_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.DunningService/GetOrganizationDunning":           `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.DunningService/SetDunningHold":                   `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","until":"2026-04-01","reason":"matrix"}`,
	"/leitstand.admin.v1.DunningService/ReleaseDunningHold":               `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.DashboardService/GetDashboard":                   `{}`,
	"/leitstand.admin.v1.DashboardService/GetRevenueSummary":              `{}`,
	"/leitstand.admin.v1.AccountService/ListAccounts":                     `{}`,
	"/leitstand.admin.v1.AccountService/GetAccountHistory":                `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.AccountService/ListAtRiskAccounts":               `{}`,
	"/leitstand.admin.v1.AccountService/GrantReverseTrial":                `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.AccountService/CancelReverseTrial":               `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.AccountService/SetManagedBilling":                `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.AccountService/ResetUsage":                       `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.UpgradeRequestService/ListUpgradeRequests":       `{}`,
	"/leitstand.admin.v1.UpgradeRequestService/ApproveUpgradeRequest":     `{"id":"upr_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.UpgradeRequestService/DenyUpgradeRequest":        `{"id":"upr_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.PartnerService/ListPartners":                     `{}`,
	"/leitstand.admin.v1.PartnerService/SetPartner":                       `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","partner":true,"commissionBasisPoints":1000,"reason":"matrix"}`,
	"/leitstand.admin.v1.PartnerService/SetReferral":                      `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.PartnerService/ListReferrals":                    `{"partnerId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.PartnerService/ListReferralLedger":               `{"partnerId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.PartnerService/RecordPartnerPayout":              `{"partnerId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","amountCents":"100","paidOn":"2026-03-01"}`,
	"/leitstand.admin.v1.PartnerService/ListExternalLedOrganizations":     `{}`,
	"/leitstand.admin.v1.TrainingService/ListCourses":                     `{}`,
	"/leitstand.admin.v1.TrainingService/GetCourse":                       `{"id":"crs_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.TrainingService/CreateCourse":                    `{"course":{"title":"Matrix {role}","language":"de","durationMinutes":60}}`,
	"/leitstand.admin.v1.TrainingService/UpdateCourse":                    `{"id":"crs_01kaj5m8d0e6xv1ks8wq6a5j0p","course":{"title":"x"},"updateMask":"title"}`,
	"/leitstand.admin.v1.TrainingService/DeleteCourse":                    `{"id":"crs_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.TrainingService/ListTrainingSessions":            `{}`,
	"/leitstand.admin.v1.TrainingService/GetTrainingSession":              `{"id":"tse_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.TrainingService/ScheduleTrainingSession":         `{"courseId":"crs_01kaj5m8d0e6xv1ks8wq6a5j0p","place":{"startTime":"2026-04-01T09:00:00Z","location":"Kiel","trainerId":"usr_01kaj5m8d0e6xv1ks8wq6a5j0p","capacity":5}}`,
	"/leitstand.admin.v1.TrainingService/RescheduleTrainingSession":       `{"id":"tse_01kaj5m8d0e6xv1ks8wq6a5j0p","place":{"startTime":"2026-04-01T09:00:00Z","location":"Kiel","trainerId":"usr_01kaj5m8d0e6xv1ks8wq6a5j0p","capacity":5},"reason":"matrix"}`,
	"/leitstand.admin.v1.TrainingService/CancelTrainingSession":           `{"id":"tse_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.TrainingService/CompleteTrainingSession":         `{"id":"tse_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.TrainingService/RegisterAttendee":                `{"sessionId":"tse_01kaj5m8d0e6xv1ks8wq6a5j0p","organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","name":"M","email":"m@example.com"}`,
	"/leitstand.admin.v1.TrainingService/CancelRegistration":              `{"id":"reg_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.TrainingService/ListRegistrations":               `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.TrainingService/MarkAttendance":                  `{"id":"reg_01kaj5m8d0e6xv1ks8wq6a5j0p","attendance":"ATTENDANCE_PRESENT"}`,
	"/leitstand.admin.v1.TrainingService/ListLicences":                    `{}`,
	"/leitstand.admin.v1.TrainingService/GetLicence":                      `{"id":"lic_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.TrainingService/RevokeLicence":                   `{"id":"lic_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.TrainingService/GetCertificatePdf":               `{"id":"lic_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.TrainingService/VerifyCertificate":               `{"code":"0000-0000-0000-0000"}`,
	"/leitstand.portal.v1.TrainingService/ListUpcomingSessions":           `{}`,
	"/leitstand.portal.v1.TrainingService/RegisterPerson":                 `{"sessionId":"tse_01kaj5m8d0e6xv1ks8wq6a5j0p","organizationId":"{org}","name":"M","email":"m@example.com"}`,
	"/leitstand.portal.v1.TrainingService/CancelRegistration":             `{"id":"reg_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.portal.v1.TrainingService/ListRegistrations":              `{"organizationId":"{org}"}`,
	"/leitstand.portal.v1.TrainingService/ListLicences":                   `{"organizationId":"{org}"}`,
	"/leitstand.portal.v1.TrainingService/GetCertificatePdf":              `{"id":"lic_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.portal.v1.TrainingService/ListLicenceNotices":             `{"organizationId":"{org}"}`,
	"/leitstand.admin.v1.BankStatementService/ListBankStatements":         `{}`,
	"/leitstand.admin.v1.BankStatementService/ListBankLines":              `{}`,
	"/leitstand.admin.v1.BankStatementService/AssignBankLine":             `{"id":"bln_01kaj5m8d0e6xv1ks8wq6a5j0p","invoiceId":"inv_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.BankStatementService/IgnoreBankLine":             `{"id":"bln_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.WebhookService/ListWebhookEndpoints":             `{}`,
	"/leitstand.admin.v1.WebhookService/GetWebhookEndpoint":               `{"id":"whe_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.WebhookService/CreateWebhookEndpoint":            `{"endpoint":{"url":"https://203.0.113.10/hooks","eventTypes":["invoice.issued"],"enabled":true}}`,
	"/leitstand.admin.v1.WebhookService/UpdateWebhookEndpoint":            `{"id":"whe_01kaj5m8d0e6xv1ks8wq6a5j0p","endpoint":{"description":"matrix"},"updateMask":"description"}`,
	"/leitstand.admin.v1.WebhookService/DeleteWebhookEndpoint":            `{"id":"whe_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.WebhookService/RotateWebhookSecret":              `{"id":"whe_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.WebhookService/SendTestEvent":                    `{"id":"whe_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.WebhookService/ListWebhookDeliveries":            `{"endpointId":"whe_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.WebhookService/GetWebhookDelivery":               `{"id":"whd_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.WebhookService/ReplayWebhookDelivery":            `{"id":"whd_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ImageService/ListImages":                         `{}`,
	"/leitstand.admin.v1.ImageService/GetImage":                           `{"id":"img_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ImageService/CreateImage":                        `{"image":{"name":"Debian 12 {role}","kind":"IMAGE_KIND_OS","os":"Debian","version":"12.7","sizeBytes":"1024","source":"https://cloud.debian.org/debian-12.qcow2"}}`,
	"/leitstand.admin.v1.ImageService/UpdateImage":                        `{"id":"img_01kaj5m8d0e6xv1ks8wq6a5j0p","image":{"description":"matrix"},"updateMask":"description"}`,
	"/leitstand.admin.v1.ImageService/DeleteImage":                        `{"id":"img_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ImageService/ShareImage":                         `{"id":"img_01kaj5m8d0e6xv1ks8wq6a5j0p","billingEntityIds":["be_01kaj5m8d0e6xv1ks8wq6a5j0p"]}`,
	"/leitstand.admin.v1.ImageService/UnshareImage":                       `{"id":"img_01kaj5m8d0e6xv1ks8wq6a5j0p","billingEntityIds":["be_01kaj5m8d0e6xv1ks8wq6a5j0p"]}`,
	"/leitstand.admin.v1.UsageService/ReportUsage":                        `{"events":[{"eventId":"matrix-{role}","organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","metric":"USAGE_METRIC_TRAFFIC_BYTES","quantity":"1000","day":"2026-03-13"}]}`,
	"/leitstand.admin.v1.UsageService/ListUsageSnapshots":                 `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.UsageService/GetUsageSummary":                    `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","fromDay":"2026-02-01","toDay":"2026-02-28"}`,
	"/leitstand.admin.v1.UsageReportService/GetUsageReport":               `{"query":{"fromMonth":"2026-01","toMonth":"2026-02"}}`,
	"/leitstand.admin.v1.UsageReportService/ListUsageReportRows":          `{"query":{"fromMonth":"2026-01","toMonth":"2026-02"}}`,
	"/leitstand.admin.v1.UsageReportService/RenderUsageReportPdf":         `{"query":{"fromMonth":"2026-01","toMonth":"2026-02"},"language":"en"}`,
	"/leitstand.admin.v1.UsageReportService/ListStoredUsageReports":       `{}`,
	"/leitstand.admin.v1.UsageReportService/GetStoredUsageReport":         `{"id":"urep_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ServiceInstanceService/GetServiceUptime":         `{"serviceInstanceId":"{svc}","days":7}`,
	"/leitstand.admin.v1.ServiceInstanceService/LinkServiceContainer":     `{"serviceInstanceId":"{svc}","containerId":"ctr_01kaj5m8d0e6xv1ks8wq6a5j0p","role":"CONTAINER_ROLE_APPLICATION"}`,
	"/leitstand.admin.v1.ServiceInstanceService/UnlinkServiceContainer":   `{"serviceInstanceId":"{svc}","containerId":"ctr_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.ServiceInstanceService/StartService":             `{"id":"{svc}","reason":"matrix {role}"}`,
	"/leitstand.admin.v1.ServiceInstanceService/StopService":              `{"id":"{svc}","reason":"matrix {role}"}`,
	"/leitstand.admin.v1.ServiceInstanceService/RestartService":           `{"id":"{svc}","reason":"matrix {role}"}`,
	"/leitstand.admin.v1.BillingEntityService/ListBillingEntities":        `{}`,
	"/leitstand.admin.v1.BillingEntityService/GetBillingEntity":           `{"id":"be_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.BillingEntityService/CreateBillingEntity":        `{"billingEntity":{"name":"Matrix {role}"},"reason":"matrix"}`,
	"/leitstand.admin.v1.BillingEntityService/UpdateBillingEntity":        `{"billingEntity":{"id":"be_01kaj5m8d0e6xv1ks8wq6a5j0p","name":"M"},"updateMask":"name"}`,
	"/leitstand.admin.v1.BillingEntityService/SuspendBillingEntity":       `{"id":"be_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.BillingEntityService/ResumeBillingEntity":        `{"id":"be_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.admin.v1.BillingEntityService/AddBillingEntityStaff":      `{"billingEntityId":"be_01kaj5m8d0e6xv1ks8wq6a5j0p","email":"staff-{role}@example.com","platformRole":"PLATFORM_ROLE_OPERATOR"}`,
	"/leitstand.admin.v1.BillingEntityService/GetWholesaleReport":         `{"firstMonth":"2026-01","lastMonth":"2026-03"}`,
	"/leitstand.admin.v1.SignUpService/ListSignUps":                       `{}`,
	"/leitstand.admin.v1.SignUpService/ApproveSignUp":                     `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p"}`,
	"/leitstand.admin.v1.SignUpService/RejectSignUp":                      `{"organizationId":"org_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"matrix"}`,
	"/leitstand.portal.v1.SignUpService/SignUp":                           `{"organizationName":"Matrix {role}","displayName":"M","email":"signup-{role}@example.com","password":"a-long-matrix-password"}`,
}

func TestRoleMatrix(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		ctx := t.Context()
		org := env.Org(t, "Matrix AG")
		ws, err := env.Orgs.CreateWorkspace(authz.System(ctx), org.ID, "Production", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		target := env.User(t, "target@example.com", authz.RoleUser)
		env.Member(t, org.ID, target.ID, organization.RoleMember)
		item, svc := env.BookedService(t, ws.ID, "Nextcloud Matrix")
		if _, err := env.Services.SetCredential(authz.System(ctx), svc, "admin login", "matrix"); err != nil {
			t.Fatal(err)
		}
		ord, err := env.Orders.Create(authz.System(ctx), org.ID, order.Values{Title: "Matrix order", Kind: order.Support})
		if err != nil {
			t.Fatal(err)
		}
		tpl, err := env.Orders.CreateTemplate(authz.System(ctx), order.TemplateValues{Name: "Matrix", Steps: []string{"one"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := env.Alerts.EnsureLabels(authz.System(ctx)); err != nil {
			t.Fatal(err)
		}
		labels, err := env.Alerts.Labels(authz.System(ctx))
		if err != nil {
			t.Fatal(err)
		}
		alr, err := env.Alerts.Report(authz.System(ctx), alert.Report{OrganizationID: org.ID, LabelID: labels[0].ID,
			Priority: order.High, Text: "Matrix alert"})
		if err != nil {
			t.Fatal(err)
		}

		roles := []string{"anonymous", "USER", "DEVELOPER", "OPERATOR", "OWNER"}
		ps := procedures(t, env)
		// Logout ends the caller's session: call it last.
		slices.SortStableFunc(ps, func(a, b protoreflect.MethodDescriptor) int {
			return boolInt(a.Name() == "Logout") - boolInt(b.Name() == "Logout")
		})
		for _, role := range roles {
			client := apptest.HTTPClient(srv)
			email := strings.ToLower(role) + "@example.com"
			if role != "anonymous" {
				env.User(t, email, authz.Role(role))
				if code, _ := call(t, client, srv, "/leitstand.admin.v1.AuthService/Login",
					jsonBody(map[string]string{"email": email, "password": apptest.Password}), nil); code != "" {
					t.Fatalf("%s cannot sign in: %s", role, code)
				}
			}
			token := ids.Format(ids.APIToken, org.ID) // a well-formed id that names no token
			for _, m := range ps {
				proc := procedureName(m)
				body, ok := requests[proc]
				if !ok {
					t.Errorf("%s has no request in the role matrix: add one", proc)
					continue
				}
				body = strings.NewReplacer("{email}", email, "{password}", apptest.Password, "{role}", role,
					"{org}", ids.Format(ids.Organization, org.ID), "{ws}", ids.Format(ids.Workspace, ws.ID),
					"{target}", ids.Format(ids.User, target.ID), "{token}", token,
					"{item}", ids.Format(ids.CatalogItem, item), "{svc}", ids.Format(ids.Service, svc),
					"{ord}", ids.Format(ids.Order, ord.ID), "{tpl}", ids.Format(ids.ProcessTemplate, tpl.ID),
					"{alr}", ids.Format(ids.Alert, alr.ID), "{alb}", ids.Format(ids.AlertLabel, alr.LabelID)).Replace(body)
				if role == "anonymous" && m.Name() == "Login" {
					body = `{"email":"nobody@example.com","password":"wrong"}`
				}
				// A USER is refused every procedure, more than a window of
				// the audit trail writes one by one: each call starts a
				// window of its own.
				env.Audit.FlushDenied()
				deniedBefore := countDenied(t, env)
				code, _ := call(t, client, srv, proc, body, nil)
				got := outcome(code)
				want := expected(allowed[proc], role)
				if role == "anonymous" && m.Name() == "Login" {
					want = "unauthenticated" // the answer to wrong credentials, not a refusal of the procedure
				}
				if got != want {
					t.Errorf("%s as %s: got %s (%s), want %s", proc, role, got, code, want)
				}
				if got == "denied" && countDenied(t, env) != deniedBefore+1 {
					t.Errorf("%s as %s: the refused attempt is not in the audit trail", proc, role)
				}
				// The independent rule of the issue: a developer changes nothing.
				if role == "DEVELOPER" && !isRead(m) && !isSelfService(m) && got != "denied" {
					t.Errorf("%s as DEVELOPER: a change was not refused (%s)", proc, code)
				}
			}
		}
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// denied keeps the audit events of refusals.
func denied(e audit.Entry) bool { return e.Outcome == audit.Denied }

func countDenied(t *testing.T, env *apptest.Env) int {
	t.Helper()
	return len(env.Events(t, denied))
}

func outcome(code string) string {
	switch code {
	case "unauthenticated":
		return "unauthenticated"
	case "permission_denied":
		return "denied"
	default:
		return "let through"
	}
}

func expected(rule []string, role string) string {
	switch {
	case slices.Contains(rule, "public"):
		return "let through"
	case role == "anonymous":
		return "unauthenticated"
	case slices.Contains(rule, "signed-in"), slices.Contains(rule, role):
		return "let through"
	default:
		return "denied"
	}
}

// isRead reports whether the RPC is declared free of side effects.
func isRead(m protoreflect.MethodDescriptor) bool {
	return m.Options().(*descriptorpb.MethodOptions).GetIdempotencyLevel() == descriptorpb.MethodOptions_NO_SIDE_EFFECTS
}

// isSelfService: signing in and out change only the caller's own session.
// isSelfService: the caller's own sign-in and second factor, which every
// signed-in user manages for themselves.
func isSelfService(m protoreflect.MethodDescriptor) bool {
	// Signing up is anyone's, signed in or not, as signing in is.
	// Saved views and the dashboard's layout are each member of staff's own
	// arrangement of the panel, whatever their role.
	return m.Name() == "Login" || m.Name() == "SignUp" || m.Name() == "Logout" ||
		strings.Contains(string(m.Name()), "SecondFactor") && m.Parent().Name() == "AuthService" ||
		m.Parent().Name() == "ViewService"
}

func TestCrossSiteStateChangesAreRefused(t *testing.T) {
	t.Parallel()
	env, srv := server(t, testdb.SQLite)
	env.User(t, "owner@example.com", authz.RoleOwner)
	client := apptest.HTTPClient(srv)
	if code, _ := call(t, client, srv, "/leitstand.admin.v1.AuthService/Login",
		`{"email":"owner@example.com","password":"`+apptest.Password+`"}`, nil); code != "" {
		t.Fatal(code)
	}
	before := env.OrgCount(t)
	crossSite := http.Header{"Sec-Fetch-Site": {"cross-site"}, "Origin": {"https://evil.example"}}
	code, _ := call(t, client, srv, "/leitstand.admin.v1.OrganizationService/CreateOrganization", `{"name":"Evil GmbH"}`, crossSite)
	if code != "permission_denied" {
		t.Errorf("cross-site create: got %q, want permission_denied", code)
	}
	after := env.OrgCount(t)
	if after != before {
		t.Errorf("a cross-site request created an organization")
	}
	sameOrigin := http.Header{"Sec-Fetch-Site": {"same-origin"}}
	if code, _ := call(t, client, srv, "/leitstand.admin.v1.OrganizationService/CreateOrganization", `{"name":"Own GmbH"}`, sameOrigin); code != "" {
		t.Errorf("same-origin create: got %q, want success", code)
	}
}
