import { useMutation, useTransport } from "@connectrpc/connect-query";
import type { Transport } from "@connectrpc/connect";
import { Button, getDefaultZIndex, Modal, Stack, Text } from "@mantine/core";
import { IconShieldLock } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { FormActions } from "@/components/ui/FormActions";
import { codeErrorMessage } from "@/lib/api-errors";
import { reloadCaller } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { stepUpTransport, type StepUpPrompts } from "@/lib/second-factor";
import { onSessionEnded } from "@/lib/session";
import { CodeForm } from "./CodeForm";

type Prompt = { kind: "confirm"; done: (confirmed: boolean) => void } | { kind: "enrol" };

const StepUpContext = createContext<StepUpPrompts | null>(null);

/**
 * StepUpProvider shows the one dialog of the step-up: asked by a call the
 * server refused until the caller's second factor is confirmed, it takes a
 * code, confirms it (VerifySecondFactor) and lets the call be made again;
 * or it says that a second factor must be set up first. Calls waiting at
 * the same time share one dialog.
 */
export function StepUpProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const waiting = useRef<Promise<boolean> | null>(null);

  const prompts = useMemo<StepUpPrompts>(
    () => ({
      confirm: () => {
        waiting.current ??= new Promise<boolean>((resolve) => {
          setPrompt({
            kind: "confirm",
            done: (confirmed) => {
              waiting.current = null;
              setPrompt(null);
              resolve(confirmed);
            },
          });
        });
        return waiting.current;
      },
      enrol: () => setPrompt((current) => current ?? { kind: "enrol" }),
    }),
    [],
  );

  const close = useCallback(() => {
    if (prompt?.kind === "confirm") prompt.done(false);
    else setPrompt(null);
  }, [prompt]);

  // A session that ends takes the dialog with it.
  useEffect(() => onSessionEnded(close), [close]);

  return (
    <StepUpContext value={prompts}>
      {children}
      <Modal
        opened={prompt !== null}
        onClose={close}
        zIndex={getDefaultZIndex("modal") + 10}
        title={
          <Text fw={600}>
            {prompt?.kind === "enrol" ? t("stepUp.enrollTitle") : t("stepUp.title")}
          </Text>
        }
        size="sm"
      >
        {prompt?.kind === "confirm" && (
          <VerifyForm onVerified={() => prompt.done(true)} onCancel={() => prompt.done(false)} />
        )}
        {prompt?.kind === "enrol" && <EnrolFirst onClose={() => setPrompt(null)} />}
      </Modal>
    </StepUpContext>
  );
}

function VerifyForm({ onVerified, onCancel }: { onVerified: () => void; onCancel: () => void }) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const verify = useMutation(AuthService.method.verifySecondFactor, {
    meta: { handlesErrors: true },
  });
  return (
    <Stack gap="md">
      <Text fz="sm" c="dimmed">
        {t("stepUp.body")}
      </Text>
      <CodeForm
        submitLabel={t("stepUp.submit")}
        onCancel={onCancel}
        onSubmit={async (code) => {
          try {
            await verify.mutateAsync({ code });
          } catch (error) {
            return codeErrorMessage(error, locale);
          }
          // The caller's "confirmed until" changed.
          void reloadCaller(queryClient);
          onVerified();
          return null;
        }}
      />
    </Stack>
  );
}

function EnrolFirst({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Stack gap="md">
      <Text fz="sm">{t("stepUp.enrollBody")}</Text>
      <FormActions>
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button
          leftSection={<IconShieldLock size={16} />}
          onClick={() => {
            onClose();
            void navigate({ to: "/account/security" });
          }}
        >
          {t("stepUp.enrollAction")}
        </Button>
      </FormActions>
    </Stack>
  );
}

/**
 * useStepUpTransport is the transport for mutations the server may refuse
 * until the caller's second factor is confirmed: pass it to useMutation, and
 * such a refusal asks for a code and makes the call again.
 */
export function useStepUpTransport(): Transport {
  const transport = useTransport();
  const prompts = useContext(StepUpContext);
  return useMemo(() => {
    if (!prompts) throw new Error("useStepUpTransport needs a StepUpProvider");
    return stepUpTransport(transport, prompts);
  }, [transport, prompts]);
}
