export const variants = {
  primary: "bg-blue-800 text-white hover:bg-blue-900",
  secondary: "border border-slate-600 bg-white text-slate-900 hover:bg-slate-100",
  danger: "bg-red-800 text-white hover:bg-red-900",
} as const;

export function buttonClass(variant: keyof typeof variants = "primary") {
  return `inline-flex min-h-11 items-center rounded-md px-4 py-2 font-medium disabled:opacity-60 ${variants[variant]}`;
}
