import type { HelpStrings } from './en';

const uk: HelpStrings = {
  help: 'Довідка',
  search: 'Пошук у довідці',
  popular: 'Популярні статті',
  results: 'Знайдено статей: {n}',
  none: 'Немає статей за запитом «{q}».',
  searching: 'Пошук…',
  failed: 'Не вдалося завантажити статті довідки.',
  retry: 'Спробувати ще раз',
  loading: 'Завантаження статті…',
  back: 'Назад',
  article: 'Стаття довідки',
  helpful: 'Чи була ця стаття корисною?',
  yes: 'Так',
  no: 'Ні',
  thanks: 'Дякуємо за відгук!',
  still: 'Потрібна додаткова допомога?',
  chat: 'Напишіть нам',
};
export default uk;
