import { Modal, Text, type ModalProps } from "@mantine/core";
import type { ReactNode } from "react";

/** What opens and closes a dialog: the props of every XModal component. */
export interface DialogProps {
  opened: boolean;
  onClose: () => void;
}

/**
 * FormModal is the dialog of a form or a step of work: a bold title, and
 * content that is mounted only while the dialog is open, so it starts afresh
 * each time.
 */
export function FormModal({
  title,
  children,
  ...modal
}: Omit<ModalProps, "title" | "children"> & { title: ReactNode; children: ReactNode }) {
  return (
    <Modal
      {...modal}
      title={
        <Text fw={600} fz="lg">
          {title}
        </Text>
      }
    >
      {modal.opened && children}
    </Modal>
  );
}
