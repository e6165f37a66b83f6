package orders

import (
	"context"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

func toProtoProcess(p order.Process) *adminv1.OrderProcess {
	out := &adminv1.OrderProcess{Id: ids.Format(ids.OrderProcess, p.ID), Name: p.Name,
		TemplateId: ids.FormatPtr(ids.ProcessTemplate, p.TemplateID), CreateTime: timestamppb.New(p.CreateTime)}
	for _, st := range p.Steps {
		out.Steps = append(out.Steps, &adminv1.ProcessStep{Id: ids.Format(ids.ProcessStep, st.ID), Title: st.Title,
			DoneTime: protoconv.Time(st.DoneTime), DoneById: ids.FormatPtr(ids.User, st.DoneByID), DoneByEmail: st.DoneBy})
	}
	return out
}

func toProtoTemplate(t order.Template) *adminv1.ProcessTemplate {
	return &adminv1.ProcessTemplate{Id: ids.Format(ids.ProcessTemplate, t.ID), Name: t.Name, Description: t.Description,
		Steps: t.Steps, CreateTime: timestamppb.New(t.CreateTime), UpdateTime: timestamppb.New(t.UpdateTime)}
}

// ListOrderProcesses implements OrderService.ListOrderProcesses.
func (h *Handler) ListOrderProcesses(ctx context.Context, req *connect.Request[adminv1.ListOrderProcessesRequest]) (*connect.Response[adminv1.ListOrderProcessesResponse], error) {
	id, err := ids.Parse(ids.Order, "order_id", req.Msg.GetOrderId())
	if err != nil {
		return nil, err
	}
	ps, err := h.orders.Processes(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListOrderProcessesResponse{}
	for _, p := range ps {
		out.Processes = append(out.Processes, toProtoProcess(p))
	}
	return connect.NewResponse(out), nil
}

// AddOrderProcess implements OrderService.AddOrderProcess.
func (h *Handler) AddOrderProcess(ctx context.Context, req *connect.Request[adminv1.AddOrderProcessRequest]) (*connect.Response[adminv1.AddOrderProcessResponse], error) {
	id, err := ids.Parse(ids.Order, "order_id", req.Msg.GetOrderId())
	if err != nil {
		return nil, err
	}
	tpl, err := ids.Parse(ids.ProcessTemplate, "template_id", req.Msg.GetTemplateId())
	if err != nil {
		return nil, err
	}
	p, err := h.orders.AddProcess(ctx, id, tpl)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.AddOrderProcessResponse{Process: toProtoProcess(*p)}), nil
}

// RemoveOrderProcess implements OrderService.RemoveOrderProcess.
func (h *Handler) RemoveOrderProcess(ctx context.Context, req *connect.Request[adminv1.RemoveOrderProcessRequest]) (*connect.Response[adminv1.RemoveOrderProcessResponse], error) {
	id, err := ids.Parse(ids.Order, "order_id", req.Msg.GetOrderId())
	if err != nil {
		return nil, err
	}
	p, err := ids.Parse(ids.OrderProcess, "process_id", req.Msg.GetProcessId())
	if err != nil {
		return nil, err
	}
	if err := h.orders.RemoveProcess(ctx, id, p); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RemoveOrderProcessResponse{}), nil
}

// SetProcessStep implements OrderService.SetProcessStep.
func (h *Handler) SetProcessStep(ctx context.Context, req *connect.Request[adminv1.SetProcessStepRequest]) (*connect.Response[adminv1.SetProcessStepResponse], error) {
	id, err := ids.Parse(ids.Order, "order_id", req.Msg.GetOrderId())
	if err != nil {
		return nil, err
	}
	st, err := ids.Parse(ids.ProcessStep, "step_id", req.Msg.GetStepId())
	if err != nil {
		return nil, err
	}
	p, err := h.orders.SetStep(ctx, id, st, req.Msg.GetDone())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.SetProcessStepResponse{Process: toProtoProcess(*p)}), nil
}

// Templates implements adminv1connect.ProcessTemplateServiceHandler.
type Templates struct{ orders *order.Service }

var _ adminv1connect.ProcessTemplateServiceHandler = (*Templates)(nil)

// NewTemplates returns the ProcessTemplateService handler.
func NewTemplates(s *order.Service) *Templates { return &Templates{orders: s} }

// ListProcessTemplates implements ProcessTemplateService.ListProcessTemplates.
func (h *Templates) ListProcessTemplates(ctx context.Context, _ *connect.Request[adminv1.ListProcessTemplatesRequest]) (*connect.Response[adminv1.ListProcessTemplatesResponse], error) {
	ts, err := h.orders.Templates(ctx)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListProcessTemplatesResponse{}
	for _, t := range ts {
		out.ProcessTemplates = append(out.ProcessTemplates, toProtoTemplate(t))
	}
	return connect.NewResponse(out), nil
}

// GetProcessTemplate implements ProcessTemplateService.GetProcessTemplate.
func (h *Templates) GetProcessTemplate(ctx context.Context, req *connect.Request[adminv1.GetProcessTemplateRequest]) (*connect.Response[adminv1.GetProcessTemplateResponse], error) {
	id, err := ids.Parse(ids.ProcessTemplate, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	t, err := h.orders.Template(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetProcessTemplateResponse{ProcessTemplate: toProtoTemplate(*t)}), nil
}

func templateValues(t *adminv1.ProcessTemplate) order.TemplateValues {
	return order.TemplateValues{Name: t.GetName(), Description: t.GetDescription(), Steps: t.GetSteps()}
}

// CreateProcessTemplate implements ProcessTemplateService.CreateProcessTemplate.
func (h *Templates) CreateProcessTemplate(ctx context.Context, req *connect.Request[adminv1.CreateProcessTemplateRequest]) (*connect.Response[adminv1.CreateProcessTemplateResponse], error) {
	t, err := h.orders.CreateTemplate(ctx, templateValues(req.Msg.GetProcessTemplate()))
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateProcessTemplateResponse{ProcessTemplate: toProtoTemplate(*t)}), nil
}

// UpdateProcessTemplate implements ProcessTemplateService.UpdateProcessTemplate.
func (h *Templates) UpdateProcessTemplate(ctx context.Context, req *connect.Request[adminv1.UpdateProcessTemplateRequest]) (*connect.Response[adminv1.UpdateProcessTemplateResponse], error) {
	pt := req.Msg.GetProcessTemplate()
	id, err := ids.Parse(ids.ProcessTemplate, "process_template.id", pt.GetId())
	if err != nil {
		return nil, err
	}
	t, err := h.orders.UpdateTemplate(ctx, id, templateValues(pt), req.Msg.GetUpdateMask().GetPaths())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateProcessTemplateResponse{ProcessTemplate: toProtoTemplate(*t)}), nil
}

// DeleteProcessTemplate implements ProcessTemplateService.DeleteProcessTemplate.
func (h *Templates) DeleteProcessTemplate(ctx context.Context, req *connect.Request[adminv1.DeleteProcessTemplateRequest]) (*connect.Response[adminv1.DeleteProcessTemplateResponse], error) {
	id, err := ids.Parse(ids.ProcessTemplate, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	if err := h.orders.DeleteTemplate(ctx, id); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.DeleteProcessTemplateResponse{}), nil
}
