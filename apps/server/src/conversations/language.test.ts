import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';

describe('language detection', () => {
  it('tells the language of ordinary messages', async () => {
    expect(await detectLanguage('Hi, my order has not arrived yet. Can you check the status?')).toBe('en');
    expect(await detectLanguage('Bonjour, je voudrais changer mon adresse de livraison, merci')).toBe('fr');
    expect(await detectLanguage('Guten Tag, meine Bestellung ist noch nicht angekommen.')).toBe('de');
    expect(await detectLanguage('Hola, me cobraron dos veces por el mismo pedido.')).toBe('es');
    expect(await detectLanguage('Olá, gostaria de saber quando minha encomenda vai chegar')).toBe('pt');
  });

  it('says nothing when a text is too short or too unclear to tell', async () => {
    expect(await detectLanguage('ok')).toBeNull();
    expect(await detectLanguage('   Bonjour   ')).toBeNull();
    expect(await detectLanguage('1234 5678 9012 3456')).toBeNull();
  });
});
