import type { HelpStrings } from './en';

const es: HelpStrings = {
  help: 'Ayuda',
  search: 'Buscar ayuda',
  popular: 'Artículos populares',
  results: 'Artículos encontrados: {n}',
  none: 'Ningún artículo coincide con «{q}».',
  searching: 'Buscando…',
  failed: 'No se pudieron cargar los artículos de ayuda.',
  retry: 'Reintentar',
  loading: 'Cargando el artículo…',
  back: 'Volver',
  article: 'Artículo de ayuda',
  helpful: '¿Te resultó útil?',
  yes: 'Sí',
  no: 'No',
  thanks: '¡Gracias por tu opinión!',
  still: '¿Todavía necesitas ayuda?',
  chat: 'Chatea con nosotros',
};
export default es;
