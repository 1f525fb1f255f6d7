import type { HelpStrings } from './en';

const pt: HelpStrings = {
  help: 'Ajuda',
  search: 'Pesquisar na ajuda',
  popular: 'Artigos populares',
  results: 'Artigos encontrados: {n}',
  none: 'Nenhum artigo corresponde a “{q}”.',
  searching: 'Pesquisando…',
  failed: 'Não foi possível carregar os artigos de ajuda.',
  retry: 'Tentar novamente',
  loading: 'Carregando o artigo…',
  back: 'Voltar',
  article: 'Artigo de ajuda',
  helpful: 'Isto foi útil?',
  yes: 'Sim',
  no: 'Não',
  thanks: 'Obrigado pelo seu feedback!',
  still: 'Ainda precisa de ajuda?',
  chat: 'Fale conosco',
};
export default pt;
