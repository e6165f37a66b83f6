import { Alert, Button, Group, Modal, Text, type ModalProps } from "@mantine/core";
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from "react";
import { useI18n } from "@/lib/i18n/i18n";

/** What opens and closes a dialog: the props of every XModal component. */
export interface DialogProps {
  opened: boolean;
  onClose: () => void;
}

interface DiscardGuard {
  /** Runs `close` at once, or, when something was entered, after asking. */
  requestClose: (close: () => void) => void;
}

const DiscardContext = createContext<DiscardGuard | null>(null);

/**
 * useGuardedCancel is the Cancel of a form in a FormModal: it asks before
 * discarding what was entered. Outside a FormModal it cancels at once.
 */
export function useGuardedCancel(onCancel: () => void): () => void {
  const guard = useContext(DiscardContext);
  return () => (guard ? guard.requestClose(onCancel) : onCancel());
}

/**
 * FormModal is the dialog of a form or a step of work: a bold title, and
 * content that is mounted only while the dialog is open, so it starts afresh
 * each time. Once something was typed or chosen in it, Escape, the close
 * button, a click outside and Cancel ask before discarding it.
 */
export function FormModal({
  title,
  children,
  onClose,
  ...modal
}: Omit<ModalProps, "title" | "children"> & { title: ReactNode; children: ReactNode }) {
  // The guard of the open dialog's content; each opening starts afresh.
  const guardRef = useRef<DiscardGuard | null>(null);
  return (
    <Modal
      {...modal}
      onClose={() => (guardRef.current ? guardRef.current.requestClose(onClose) : onClose())}
      title={
        <Text fw={600} fz="lg">
          {title}
        </Text>
      }
    >
      {modal.opened && <Guarded guardRef={guardRef}>{children}</Guarded>}
    </Modal>
  );
}

/** Guarded notes whether anything was typed or chosen, and asks before it is discarded. */
function Guarded({
  guardRef,
  children,
}: {
  guardRef: RefObject<DiscardGuard | null>;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const touched = useRef(false);
  const [pendingClose, setPendingClose] = useState<(() => void) | null>(null);
  const value = useMemo<DiscardGuard>(
    () => ({
      requestClose: (close) => {
        if (!touched.current) close();
        else setPendingClose(() => close);
      },
    }),
    [],
  );
  useEffect(() => {
    guardRef.current = value;
    return () => {
      guardRef.current = null;
    };
  }, [guardRef, value]);

  return (
    <DiscardContext.Provider value={value}>
      <div
        onInput={() => (touched.current = true)}
        onChangeCapture={() => (touched.current = true)}
      >
        {pendingClose && (
          <Alert
            color="orange"
            variant="light"
            mb="md"
            role="alertdialog"
            title={t("discard.title")}
          >
            <Text fz="sm">{t("discard.body")}</Text>
            <Group mt="sm" gap="sm">
              <Button size="xs" variant="default" onClick={() => setPendingClose(null)}>
                {t("discard.keep")}
              </Button>
              <Button
                size="xs"
                color="red"
                onClick={() => {
                  setPendingClose(null);
                  pendingClose();
                }}
              >
                {t("discard.confirm")}
              </Button>
            </Group>
          </Alert>
        )}
        {children}
      </div>
    </DiscardContext.Provider>
  );
}
