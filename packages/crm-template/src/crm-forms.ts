import type { FormDefinition } from '@platform/schema';
import { contactForm } from './forms/contact-form';
import { contractForm } from './forms/contract-form';
import { customerForm } from './forms/customer-form';
import { followupForm } from './forms/followup-form';
import { leadForm } from './forms/lead-form';
import { opportunityForm } from './forms/opportunity-form';
import { paymentForm } from './forms/payment-form';
import { paymentPlanForm } from './forms/payment-plan-form';
import { productForm } from './forms/product-form';
import { quoteForm } from './forms/quote-form';

/** The CRM's forms in navigation order (fresh objects on every call). */
export function buildCrmForms(): FormDefinition[] {
  return [
    leadForm(),
    customerForm(),
    contactForm(),
    opportunityForm(),
    followupForm(),
    quoteForm(),
    contractForm(),
    paymentPlanForm(),
    paymentForm(),
    productForm(),
  ];
}
