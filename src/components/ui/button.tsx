"use client";
import type { ButtonHTMLAttributes } from "react";
import { useFormStatus } from "react-dom";

const variants = {
  primary: "bg-blue-800 text-white hover:bg-blue-900",
  secondary: "border border-slate-600 bg-white text-slate-900 hover:bg-slate-100",
  danger: "bg-red-800 text-white hover:bg-red-900",
} as const;

export function buttonClass(variant: keyof typeof variants = "primary") {
  return `inline-flex items-center rounded-md px-4 py-2 font-medium disabled:opacity-60 ${variants[variant]}`;
}

/** A submit button that shows the form is busy and cannot be pressed twice. */
export function SubmitButton({ children, variant = "primary", ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={buttonClass(variant)} {...rest}>
      {pending ? "Working…" : children}
    </button>
  );
}
