export interface DemoComment {
  name: string
  website: string
  /** Epoch ms. */
  createdAt: number
  text: string
}

// The readers' comments under the demo article (demo/index.html), word for word.
export const DEMO_COMMENTS: readonly DemoComment[] = [
  {
    name: 'Vincent Abry',
    website: 'http://www.vincentabry.com',
    createdAt: Date.parse('2012-03-14T09:12:00.000Z'),
    // Three lines of one paragraph, as the reader typed them.
    text: [
      'Les médias sociaux c’est cool en effet, c’est tendance. Mais passer ses journées dessus, ca n’est pas payant. On peut comparer les G+, facebook, twitter… aux forums de discussions ou messengers d’avant. C’est super, mais à la fin de ta journée tu te demandes pourquoi t’as perdu autant de temps…',
      'En tout cas on commence à le voir, la mode du social media semble commencer à s’essouffler largement.',
      'Un sacré revers pour les millions de consultants/experts qui ont vu le jour avec cette mode.',
    ].join('\n'),
  },
  {
    name: 'Steph',
    website: 'http://stephguerin.com',
    createdAt: Date.parse('2012-03-14T11:47:00.000Z'),
    text: 'Bien d’accord. Le buzz diminue pour faire place à des applications sensées et pratiques. Et c’est là que le marché va séparer les bons des mauvais experts 🙂',
  },
  {
    name: 'Christian',
    website: 'http://marketeur.biz/blogue/',
    createdAt: Date.parse('2012-03-14T16:05:00.000Z'),
    text: [
      'Bien d’accord avec vous. Le monde des technologies est en constante évolution. Hier c’était mIRC, aujourd’hui ce sont les Twitter, Facebook et sa gang. Demain ça sera autre chose.',
      'C’est très possible d’utiliser les réseaux sociaux d’aujourd’hui pour générer des clients (et plus de profits), mais contrairement à ce que les gens pensent, ce n’est pas facile. Ce n’est pas en racontant tes péripéties de fins de semaine que ça va arriver.',
      'Se bâtir un vrai bon réseau efficace, c’est difficile à accomplir et surtout, beaucoup de temps à investir.',
      'On peut comparer ça au gym: comment passer de 50 lb en trop à un corps en santé et bien musclé? Beaucoup de travail et possiblement pour plusieurs années.',
      'Pour 99% des utilisateurs, les réseaux sociaux ne sont que du divertissement. On a seulement remplacé votre télé par Facebook.',
      'Par contre, sur ces réseaux sociaux, il y a des gens, beaucoup de gens, de vraies personnes, des consommateurs.',
      'Avec beaucoup d’efforts, un jour ou l’autre, certaines de ces personnes finiront par parler de vous et d’autres deviendront vos clients.',
      'Christian',
    ].join('\n\n'),
  },
]
